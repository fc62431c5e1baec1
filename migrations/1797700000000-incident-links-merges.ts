import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * docs/merge.md: links between incidents (one row per link, read from both sides) and the survivor a
 * merged incident counts under. Duplicate candidates are looked up by country and time, which
 * `incident_summaries_country_idx` already serves.
 */
export class IncidentLinksMerges1797700000000 implements MigrationInterface {
  name = 'IncidentLinksMerges1797700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE incident_links (
        incident_id uuid NOT NULL,
        other_incident_id uuid NOT NULL,
        relation text NOT NULL,
        PRIMARY KEY (incident_id, other_incident_id)
      )`);
    await queryRunner.query('CREATE INDEX incident_links_other_idx ON incident_links (other_incident_id)');
    await queryRunner.query('ALTER TABLE incident_summaries ADD COLUMN merged_into uuid');
    await queryRunner.query('CREATE INDEX incident_summaries_merged_into_idx ON incident_summaries (merged_into) WHERE merged_into IS NOT NULL');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX incident_summaries_merged_into_idx');
    await queryRunner.query('ALTER TABLE incident_summaries DROP COLUMN merged_into');
    await queryRunner.query('DROP TABLE incident_links');
  }
}
