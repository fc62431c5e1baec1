import type { MigrationInterface, QueryRunner } from 'typeorm';

/** `GET /changes?after=<position>` reads summaries in position order from a position on. */
export class SummaryPositionIndex1797300000000 implements MigrationInterface {
  name = 'SummaryPositionIndex1797300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE INDEX incident_summaries_position_idx ON incident_summaries (position)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX incident_summaries_position_idx');
  }
}
