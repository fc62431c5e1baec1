import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * As-of tallies across incidents and tally checkpoints count each survivor with the incidents merged
 * into it by their cut (docs/temporal.md): those merges are the versions of `temporal_incidents` with
 * a `merged_into`, a handful next to all, found through this partial index rather than by reading
 * every version. Answers do not change, so the projection does not start again.
 */
export class MergedVersionsIndex1798800000000 implements MigrationInterface {
  name = 'MergedVersionsIndex1798800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE INDEX temporal_incidents_merged_idx ON temporal_incidents (valid_from) WHERE merged_into IS NOT NULL');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX temporal_incidents_merged_idx');
  }
}
