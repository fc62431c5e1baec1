import type { QueryRunner } from 'typeorm';

/**
 * Empties the incidents read models, lifts their quarantines and moves the projection's checkpoint to
 * the start, for a migration whose new rows can only come from the whole history: the running app
 * then replays the store into them.
 */
export async function restartIncidentsProjection(queryRunner: QueryRunner): Promise<void> {
  await queryRunner.query('TRUNCATE incident_summaries, incident_records, incident_links, incident_casualty_figures, incident_source_figures, incident_hostages');
  await queryRunner.query("UPDATE projection_checkpoints SET position = NULL, updated_at = now() WHERE name = 'incidents'");
  await queryRunner.query("DELETE FROM projection_quarantine WHERE projection = 'incidents'");
}
