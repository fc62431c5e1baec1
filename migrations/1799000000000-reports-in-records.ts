import type { MigrationInterface, QueryRunner } from 'typeorm';
import { restartIncidentsProjection } from './restart-incidents-projection.js';

/**
 * A record's first report is no longer a row of `temporal_record_changes` (which kept the same facts
 * as its `incident_records` row): the record row keeps the report's position and actor, and the view
 * `record_changes` reads the reports from there beside the corrections and retractions (docs/temporal.md).
 * Positions come from the history, so the projection starts again from the beginning of the store.
 */
export class ReportsInRecords1799000000000 implements MigrationInterface {
  name = 'ReportsInRecords1799000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await restartIncidentsProjection(queryRunner);
    await queryRunner.query('ALTER TABLE incident_records ADD COLUMN position bigint NOT NULL, ADD COLUMN actor text');
    await queryRunner.query('CREATE INDEX incident_records_position_idx ON incident_records (position)');
    // Notes change no figure: they are no record change.
    await queryRunner.query(`CREATE VIEW record_changes AS
      SELECT incident_id, position, record_id, change, record_type, outcome, party, source, count, recorded_at, actor FROM temporal_record_changes
      UNION ALL
      SELECT incident_id, position, record_id, 'recorded', type, outcome, party, source_name, (data->>'count')::bigint, recorded_at, actor
      FROM incident_records WHERE type <> 'TimelineNoteAdded'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP VIEW record_changes');
    await queryRunner.query('ALTER TABLE incident_records DROP COLUMN actor, DROP COLUMN position');
    await restartIncidentsProjection(queryRunner);
  }
}
