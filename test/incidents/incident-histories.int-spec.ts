import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { systemClock } from '../../src/common/clock.js';
import { runMigrations } from '../../src/database/data-source.js';
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store.js';
import { commandContext } from '../../src/common/commands/command-context.js';
import { openIncidentCommand, recordCommand } from '../../src/incidents/application/command-inputs.js';
import { IncidentCommandHandler } from '../../src/incidents/application/incident-command-handler.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/** The command handler keeps incidents folded between commands (`IncidentHistories`); the cases where that memory is wrong. */
describe('command handler with kept histories (PostgreSQL event store)', () => {
  let database: TestDatabase;
  let store: PostgresEventStore;
  beforeAll(async () => {
    database = await createTestDatabase();
    await runMigrations(database.url);
    store = new PostgresEventStore(database.url);
  });
  afterAll(async () => {
    await store?.close();
    await database?.drop();
  });

  const context = () => commandContext({ actor: 'alice' });
  /** `handler.execute` of a casualty report, built as the API builds it. */
  const report = (handler: IncidentCommandHandler, incidentId: string, count: number) => {
    const reporting = context();
    const input = { occurredAt: '2019-11-30', datePrecision: 'day' as const, source: { name: 'Local press', kind: 'media' as const }, party: 'police' as const, outcome: 'killed' as const, count, basis: 'incremental' as const };
    return handler.execute(recordCommand('ReportCasualties', incidentId, input, reporting), reporting);
  };

  it('reads the stream from the start again when the store was emptied under it', async () => {
    const handler = new IncidentCommandHandler(store, systemClock);
    const incidentId = randomUUID();
    const open = () => handler.execute(openIncidentCommand({ incidentId, title: 'Kept', category: 'battle', occurredAt: '2019-11-30T12:00:00Z', location: { country: 'MX', admin1: 'Coahuila' } }, context()), context());
    await open();
    expect((await report(handler, incidentId, 7)).revision).toBe('1');

    const client = new pg.Client(database.url);
    await client.connect();
    await client.query('TRUNCATE events');
    await client.end();

    // Deciding on the kept folding would find the incident open and then lose every append race.
    await expect(report(handler, incidentId, 3)).rejects.toMatchObject({ code: 'INCIDENT.NOT_FOUND' });
    expect((await open()).revision).toBe('0');
    expect((await report(handler, incidentId, 3)).revision).toBe('1');
  });

  it('stamps recordedAt (and the command time) from the injected clock', async () => {
    const at = new Date('2026-01-02T03:04:05.678Z');
    const handler = new IncidentCommandHandler(store, { now: () => at });
    const incidentId = randomUUID();
    await handler.execute(openIncidentCommand({ incidentId, title: 'Clocked', category: 'battle', occurredAt: '2019-11-30T12:00:00Z', location: { country: 'MX', admin1: 'Coahuila' } }, context()), context());
    await report(handler, incidentId, 2);
    const events = await store.readStream(`incident-${incidentId}`);
    expect(events.map((event) => event.metadata.recordedAt)).toEqual([at.toISOString(), at.toISOString()]);
  });
});
