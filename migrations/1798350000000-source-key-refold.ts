import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Source keys ignore every character that renders nothing (src/sources/domain/source-key.ts), more
 * than before. Source-figure rows keep the key their records' names had when projected, so the
 * incidents projection starts again from the beginning of the store to key them alike.
 */
export class SourceKeyRefold1798350000000 implements MigrationInterface {
  name = 'SourceKeyRefold1798350000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('TRUNCATE incident_summaries, incident_records, incident_links, incident_casualty_figures, incident_source_figures, incident_hostages');
    await queryRunner.query("UPDATE projection_checkpoints SET position = NULL, updated_at = now() WHERE name = 'incidents'");
    await queryRunner.query("DELETE FROM projection_quarantine WHERE projection = 'incidents'");
  }

  async down(): Promise<void> {
    // Nothing to undo: the rows come back as the projection replays.
  }
}
