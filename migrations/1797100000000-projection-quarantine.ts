import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Streams a projection has set aside (`src/projections/quarantine.ts`): the event it could not apply
 * even alone, why, and how often it was tried. The projection skips that event and every later one
 * of the stream until a rebuild clears the row and tries again.
 */
export class ProjectionQuarantine1797100000000 implements MigrationInterface {
  name = 'ProjectionQuarantine1797100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE projection_quarantine (
        projection text NOT NULL,
        stream text NOT NULL,
        position bigint NOT NULL,
        event_id text NOT NULL,
        event_type text NOT NULL,
        error text NOT NULL,
        first_failed_at timestamptz NOT NULL,
        attempts integer NOT NULL,
        quarantined_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (projection, stream)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE projection_quarantine');
  }
}
