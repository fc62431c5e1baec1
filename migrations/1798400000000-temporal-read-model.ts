import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The temporal read model (docs/temporal.md): every figure row and incident version with the
 * position range `[valid_from, valid_to)` in which it held (`valid_to` = the largest bigint while it
 * still holds), the record changes behind each figure change, and the record-time → position clock.
 * The versions come from the whole history, so the incidents projection starts again from the
 * beginning of the store.
 */
/**
 * Version tables: only the primary key is indexed (one incident as of P walks its own rows by it; all
 * incidents as of P read the table through), and pages keep room, so that closing a version (setting
 * `valid_to`) is a HOT update that touches no index.
 */
const VERSION_TABLE = 'WITH (fillfactor = 80)';

export class TemporalReadModel1798400000000 implements MigrationInterface {
  name = 'TemporalReadModel1798400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('TRUNCATE incident_summaries, incident_records, incident_links, incident_casualty_figures, incident_source_figures, incident_hostages');
    await queryRunner.query("UPDATE projection_checkpoints SET position = NULL, updated_at = now() WHERE name = 'incidents'");
    await queryRunner.query("DELETE FROM projection_quarantine WHERE projection = 'incidents'");
    const range = 'valid_from bigint NOT NULL, valid_to bigint NOT NULL';
    await queryRunner.query(`CREATE TABLE temporal_incidents (
      incident_id uuid NOT NULL, ${range}, status text NOT NULL, fields jsonb NOT NULL, merged_into uuid,
      PRIMARY KEY (incident_id, valid_from)) ${VERSION_TABLE}`);
    await queryRunner.query(`CREATE TABLE temporal_source_figures (
      incident_id uuid NOT NULL, outcome text NOT NULL, party text NOT NULL, source text NOT NULL, ${range},
      figure bigint NOT NULL, first_seq integer NOT NULL, first_name text NOT NULL, last_seq integer NOT NULL,
      PRIMARY KEY (incident_id, outcome, party, source, valid_from)) ${VERSION_TABLE}`);
    await queryRunner.query(`CREATE TABLE temporal_hostages (
      incident_id uuid NOT NULL, party text NOT NULL, ${range},
      taken bigint NOT NULL, released bigint NOT NULL, rescued bigint NOT NULL, escaped bigint NOT NULL, killed bigint NOT NULL, held bigint NOT NULL,
      PRIMARY KEY (incident_id, party, valid_from)) ${VERSION_TABLE}`);
    await queryRunner.query(`CREATE TABLE temporal_seizures (
      incident_id uuid NOT NULL, ${range}, vehicles_seized bigint NOT NULL, weapons_seized bigint NOT NULL, arrests bigint NOT NULL,
      PRIMARY KEY (incident_id, valid_from)) ${VERSION_TABLE}`);
    await queryRunner.query(`CREATE TABLE temporal_record_changes (
      incident_id uuid NOT NULL, position bigint NOT NULL, record_id uuid NOT NULL, change text NOT NULL, record_type text NOT NULL,
      outcome text, party text, source text NOT NULL, count bigint, recorded_at timestamptz NOT NULL, actor text,
      PRIMARY KEY (incident_id, position))`);
    await queryRunner.query('CREATE INDEX temporal_record_changes_position_idx ON temporal_record_changes (position)');
    // One index, the one reads and the projection's "latest so far" go through: a row per event pays for no second one.
    await queryRunner.query('CREATE TABLE temporal_event_clock (position bigint NOT NULL, recorded_until timestamptz NOT NULL, PRIMARY KEY (recorded_until, position))');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'DROP TABLE temporal_event_clock, temporal_record_changes, temporal_seizures, temporal_hostages, temporal_source_figures, temporal_incidents',
    );
  }
}
