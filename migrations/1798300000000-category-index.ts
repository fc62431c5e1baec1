import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The `category` filter of lists and tallies, in the list's order, as the other filters' indexes. */
export class CategoryIndex1798300000000 implements MigrationInterface {
  name = 'CategoryIndex1798300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE INDEX incident_summaries_category_idx ON incident_summaries (category, occurred_at DESC, incident_id DESC)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX incident_summaries_category_idx');
  }
}
