import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Record data and summary tallies become `json`: they are only stored and read back whole, never
 * queried into, and `jsonb`'s conversion on the way in was a large part of the cost of storing a
 * record row (`npm run bench:projections` shows it).
 */
export class ReadModelJson1796000000000 implements MigrationInterface {
  name = 'ReadModelJson1796000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE incident_records ALTER data TYPE json');
    await queryRunner.query('ALTER TABLE incident_summaries ALTER tally TYPE json');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE incident_records ALTER data TYPE jsonb');
    await queryRunner.query('ALTER TABLE incident_summaries ALTER tally TYPE jsonb');
  }
}
