import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Incident summaries keep `occurredAt` as the reporter gave it, offset included, with its local date
 * (docs/time-and-place.md, src/incidents/domain/local-date.ts), and the incident's date and place precision.
 * `occurred_at` stays the instant (list order, date-time bounds); `occurred_on` is what bare-date
 * bounds and `groupBy: DAY | MONTH` compare.
 *
 * Existing rows are filled from the events: their text is in the PostgreSQL event store's `events`
 * table when that adapter is used (the last `occurredAt` the incident was opened or amended with);
 * otherwise (EventStoreDB) the instant is written in UTC until `rebuild` replays the events. Events
 * written before precision existed were exact, at a point when they had coordinates, else in admin1.
 */
export class LocalDates1797400000000 implements MigrationInterface {
  name = 'LocalDates1797400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE incident_summaries
      ADD occurred_at_as_given text, ADD occurred_on date, ADD date_precision text NOT NULL DEFAULT 'exact',
      ADD occurred_until text, ADD geo_precision text`);
    const hasEvents = (await queryRunner.query(`SELECT to_regclass('events') IS NOT NULL AS present`))[0].present as boolean;
    const given = hasEvents
      ? `(SELECT e.data->>'occurredAt' FROM events e
          WHERE e.stream = 'incident-' || s.incident_id::text AND e.type IN ('IncidentOpened', 'IncidentAmended') AND e.data ? 'occurredAt'
          ORDER BY e.revision DESC LIMIT 1)`
      : 'NULL';
    await queryRunner.query(`UPDATE incident_summaries s SET
      occurred_at_as_given = COALESCE(${given}, to_char(s.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')),
      geo_precision = CASE WHEN s.lat IS NULL OR s.lon IS NULL THEN 'admin1' ELSE 'point' END`);
    await queryRunner.query(`UPDATE incident_summaries SET occurred_on = left(occurred_at_as_given, 10)::date`);
    await queryRunner.query(`ALTER TABLE incident_summaries
      ALTER occurred_at_as_given SET NOT NULL, ALTER occurred_on SET NOT NULL, ALTER geo_precision SET NOT NULL, ALTER date_precision DROP DEFAULT`);
    await queryRunner.query('CREATE INDEX incident_summaries_occurred_on_idx ON incident_summaries (occurred_on)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE incident_summaries
      DROP occurred_at_as_given, DROP occurred_on, DROP date_precision, DROP occurred_until, DROP geo_precision`);
  }
}
