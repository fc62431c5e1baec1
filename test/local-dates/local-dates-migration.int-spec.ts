import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { migrations } from '../../migrations/index.js';
import { dataSourceOptions } from '../../src/database/data-source.js';
import { testDataSource, type TestDataSource } from '../support/test-database.js';

/** Migration 1797400000000 on summaries written before it: each row gets its reporter's offset back from the events. */
describe('the local-dates migration', () => {
  let db: TestDataSource;
  let dataSource: DataSource;

  beforeAll(async () => {
    db = await testDataSource();
    dataSource = db.dataSource;
  });
  afterAll(async () => {
    await db?.close();
  });

  const summary = (incidentId: string, occurredAt: string, coordinates: [number, number] | [null, null]) =>
    dataSource.query(
      `INSERT INTO incident_summaries (incident_id, revision, position, title, category, occurred_at, country, admin1, admin2, place, lat, lon, description, tags, status, vehicles_seized, weapons_seized, arrests, tally)
       VALUES ($1, 1, 1, 't', 'battle', $2, 'MX', 'Coahuila', '', '', $3, $4, '', '{}', 'open', 0, 0, 0, '{}')`,
      [incidentId, occurredAt, ...coordinates],
    );
  const event = (position: number, incidentId: string, revision: number, type: string, data: object) =>
    dataSource.query(
      `INSERT INTO events (position, transaction_id, stream, revision, id, type, data, metadata) VALUES ($1, pg_current_xact_id(), $2, $3, $4, $5, $6, '{}')`,
      [position, `incident-${incidentId}`, revision, randomUUID(), type, JSON.stringify(data)],
    );

  it('fills the given text, the local date and the default precisions of existing rows', async () => {
    // Undo it and every migration after it, then write rows as they were before it.
    const executed: { name: string }[] = await dataSource.query('SELECT name FROM migrations ORDER BY timestamp DESC');
    const undo = executed.findIndex(({ name }) => name === 'LocalDates1797400000000') + 1;
    expect(undo).toBeGreaterThan(0);
    for (let step = 0; step < undo; step++) await dataSource.undoLastMigration();
    const [amended, opened, withoutEvents] = [randomUUID(), randomUUID(), randomUUID()];
    await event(1, amended, 0, 'IncidentOpened', { occurredAt: '2019-11-29T10:00:00-06:00' });
    await event(2, amended, 1, 'IncidentAmended', { occurredAt: '2019-11-30T23:30:00-06:00' });
    await event(3, amended, 2, 'IncidentAmended', { title: 'later' });
    await event(4, opened, 0, 'IncidentOpened', { occurredAt: '2019-12-01T00:30:00+01:00' });
    await summary(amended, '2019-12-01T05:30:00Z', [28.2, -100.7]);
    await summary(opened, '2019-11-30T23:30:00Z', [null, null]);
    await summary(withoutEvents, '2019-11-30T23:30:00Z', [null, null]);
    // Only up to it: a later migration may empty the read models for a rebuild (1797900000000 does).
    const upToIt = new DataSource({ ...dataSourceOptions(db.url), migrations: migrations.slice(0, migrations.findIndex(({ name }) => name === 'LocalDates1797400000000') + 1) });
    await (await upToIt.initialize()).runMigrations();
    await upToIt.destroy();
    const rows = await dataSource.query(
      `SELECT incident_id, occurred_at_as_given, to_char(occurred_on, 'YYYY-MM-DD') AS occurred_on, date_precision, occurred_until, geo_precision FROM incident_summaries`,
    );
    const of = (id: string) => rows.find((row: { incident_id: string }) => row.incident_id === id);
    expect(of(amended)).toMatchObject({ occurred_at_as_given: '2019-11-30T23:30:00-06:00', occurred_on: '2019-11-30', date_precision: 'exact', occurred_until: null, geo_precision: 'point' });
    expect(of(opened)).toMatchObject({ occurred_at_as_given: '2019-12-01T00:30:00+01:00', occurred_on: '2019-12-01', geo_precision: 'admin1' });
    // No events to read (EventStoreDB): UTC until a rebuild.
    expect(of(withoutEvents)).toMatchObject({ occurred_at_as_given: '2019-11-30T23:30:00.000Z', occurred_on: '2019-11-30', geo_precision: 'admin1' });
  });
});
