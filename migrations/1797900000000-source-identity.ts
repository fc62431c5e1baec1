import type { MigrationInterface, QueryRunner } from 'typeorm';
import { restartIncidentsProjection } from './restart-incidents-projection.js';

/**
 * docs/sources.md source identity and best-figure policies. Source-figure rows keep their source's
 * `sourceKey` (sums across incidents group by it; a registry change finds the incidents citing a
 * name by it); casualty-figure rows keep `best` under `MOST_RELIABLE` and `MEDIAN` (`LATEST` is
 * `best`, `CONSERVATIVE` is `low`). Neither can be derived from the rows as they are, so the
 * incidents projection starts again from the beginning of the store. `sources` is the registry's list.
 */
export class SourceIdentity1797900000000 implements MigrationInterface {
  name = 'SourceIdentity1797900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await restartIncidentsProjection(queryRunner);
    await queryRunner.query('ALTER TABLE incident_source_figures ADD source_key text NOT NULL');
    await queryRunner.query('CREATE INDEX incident_source_figures_source_key_idx ON incident_source_figures (source_key)');
    await queryRunner.query('ALTER TABLE incident_casualty_figures ADD best_most_reliable bigint NOT NULL, ADD best_median bigint NOT NULL');
    await queryRunner.query(`
      CREATE TABLE sources (
        source_id uuid PRIMARY KEY,
        name text NOT NULL,
        aliases text[] NOT NULL,
        kind text NOT NULL,
        scale text NOT NULL,
        reliability text NOT NULL,
        revision bigint NOT NULL,
        position bigint NOT NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE sources');
    await queryRunner.query('ALTER TABLE incident_casualty_figures DROP best_most_reliable, DROP best_median');
    await queryRunner.query('ALTER TABLE incident_source_figures DROP source_key');
  }
}
