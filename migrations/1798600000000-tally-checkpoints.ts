import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tally checkpoints (docs/temporal.md): the sums of tallies across incidents per cell (country,
 * admin1, month of the local date) at a position, written by the incidents projection every so many
 * events, so that tallies as of a position start from the last one before it. Derived data: empty
 * until the projection writes them (tallies as of a position read every incident until then), so
 * the projection does not start again. The index on `temporal_incidents (valid_from)` finds the
 * incidents whose fields or status changed between a checkpoint and a cut.
 */
export class TallyCheckpoints1798600000000 implements MigrationInterface {
  name = 'TallyCheckpoints1798600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // `grain`: which of country, admin1 and month a row rolls up (`GROUPING`); those are NULL in it.
    const cell = 'position bigint NOT NULL, grain smallint NOT NULL, country text, admin1 text, month text';
    const figures = 'figures bigint NOT NULL';
    await queryRunner.query('CREATE TABLE tally_checkpoints (position bigint PRIMARY KEY, registry text NOT NULL, quarantine text NOT NULL)');
    await queryRunner.query(`CREATE TABLE tally_checkpoint_incidents (${cell}, party text, incidents bigint NOT NULL, vehicles bigint NOT NULL, weapons bigint NOT NULL, arrests bigint NOT NULL)`);
    await queryRunner.query(`CREATE TABLE tally_checkpoint_casualties (${cell}, outcome text NOT NULL, party text NOT NULL, ${figures},
      best bigint NOT NULL, best_most_reliable bigint NOT NULL, best_median bigint NOT NULL, low bigint NOT NULL, high bigint NOT NULL)`);
    await queryRunner.query(`CREATE TABLE tally_checkpoint_sources (${cell}, outcome text NOT NULL, party text NOT NULL, source_key text NOT NULL, source text NOT NULL, ${figures}, figure bigint NOT NULL)`);
    await queryRunner.query(`CREATE TABLE tally_checkpoint_hostages (${cell}, party text NOT NULL, ${figures},
      taken bigint NOT NULL, released bigint NOT NULL, rescued bigint NOT NULL, escaped bigint NOT NULL, killed bigint NOT NULL, held bigint NOT NULL)`);
    for (const kind of ['incidents', 'casualties', 'sources', 'hostages']) await queryRunner.query(`CREATE INDEX tally_checkpoint_${kind}_position_idx ON tally_checkpoint_${kind} (position, grain)`);
    await queryRunner.query('CREATE INDEX temporal_incidents_valid_from_idx ON temporal_incidents (valid_from)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX temporal_incidents_valid_from_idx');
    await queryRunner.query('DROP TABLE tally_checkpoint_hostages, tally_checkpoint_sources, tally_checkpoint_casualties, tally_checkpoint_incidents, tally_checkpoints');
  }
}
