import type { QueryRunner } from 'typeorm';

/** Every table the incidents projection writes, in the order the migrations create them. */
const INCIDENTS_TABLES = [
  'incident_summaries',
  'incident_records',
  'incident_links',
  'incident_casualty_figures',
  'incident_source_figures',
  'incident_hostages',
  'temporal_incidents',
  'temporal_source_figures',
  'temporal_hostages',
  'temporal_seizures',
  'temporal_record_changes',
  'temporal_event_clock',
  'tally_checkpoints',
  'tally_checkpoint_incidents',
  'tally_checkpoint_casualties',
  'tally_checkpoint_sources',
  'tally_checkpoint_hostages',
  'actor_survivors',
];

/**
 * Empties the incidents read models, lifts their quarantines and moves the projection's checkpoint to
 * the start, for a migration whose new rows can only come from the whole history: the running app
 * then replays the store into them. Tables a later migration creates are emptied once they exist,
 * so a replay never meets rows of the run before it.
 */
export async function restartIncidentsProjection(queryRunner: QueryRunner): Promise<void> {
  const existing: { name: string }[] = await queryRunner.query('SELECT name FROM unnest($1::text[]) AS name WHERE to_regclass(name) IS NOT NULL', [INCIDENTS_TABLES]);
  await queryRunner.query(`TRUNCATE ${existing.map(({ name }) => name).join(', ')}`);
  await queryRunner.query("UPDATE projection_checkpoints SET position = NULL, updated_at = now() WHERE name = 'incidents'");
  await queryRunner.query("DELETE FROM projection_quarantine WHERE projection = 'incidents'");
}
