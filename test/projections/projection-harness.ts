import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { systemClock } from '../../src/common/clock.js';
import { dataSourceOptions, runMigrations } from '../../src/database/data-source.js';
import type { EventStore, RecordedEvent } from '../../src/event-store/event-store.port.js';
import { EsdbEventStore } from '../../src/event-store/esdb/esdb-event-store.js';
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store.js';
import { incidentStream } from '../../src/event-store/stream-names.js';
import { schemaVersionOf } from '../../src/incidents/stored-events/incident-events.js';
import type { IncidentEvent } from '../../src/incidents/domain/events.js';
import { CasualtyFigureRow } from '../../src/incidents/read-models/incident-figures/casualty-figure.entity.js';
import { HostageFigureRow } from '../../src/incidents/read-models/incident-figures/hostage-figure.entity.js';
import { SourceFigureRow } from '../../src/incidents/read-models/incident-figures/source-figure.entity.js';
import { IncidentRecordRow } from '../../src/incidents/read-models/incident-records/incident-record.entity.js';
import { IncidentSummaryRow } from '../../src/incidents/read-models/incident-summary/incident-summary.entity.js';
import { IncidentsProjection } from '../../src/incidents/read-models/incidents.projection.js';
import { TEMPORAL_ROWS } from '../../src/incidents/read-models/temporal/temporal.entities.js';
import { TEMPORAL_TABLES } from '../../src/incidents/read-models/temporal/temporal.rows.js';
import { PgListener } from '../../src/database/pg-listener.js';
import { ProjectionPositions } from '../../src/projections/projection-positions.js';
import { ProjectionRunner, type RunnerOptions } from '../../src/projections/projection-runner.js';
import type { EventStoreUnderTest } from '../support/event-stores.js';
import { createTestDatabase } from '../support/test-database.js';

export const READ_MODEL_ROWS = [IncidentSummaryRow, IncidentRecordRow, CasualtyFigureRow, SourceFigureRow, HostageFigureRow, ...TEMPORAL_ROWS];
const TABLES = ['incident_summaries', 'incident_records', 'incident_casualty_figures', 'incident_source_figures', 'incident_hostages', ...TEMPORAL_TABLES];

/** The adapter under test: EventStoreDB at `connectionString` when given (as in the app), else PostgreSQL on `url`. */
export const eventStoreFor = (url: string, connectionString?: string): EventStore =>
  connectionString ? new EsdbEventStore(connectionString) : new PostgresEventStore(url);

/**
 * The incidents projection on a migrated database without the app: a runner, a way to wait for a
 * position, table snapshots. `store` defaults to the PostgreSQL store on `url`; suites pass
 * `eventStoreFor(url, connectionString)` to run the same tests on EventStoreDB.
 */
export interface ProjectionHarness {
  readonly store: EventStore;
  readonly dataSource: DataSource;
  readonly projection: IncidentsProjection;
  /** Waits for checkpoints on the harness's own listener (as `AsOfTallyService` and reads do). */
  readonly positions: ProjectionPositions;
  runner(options?: Partial<RunnerOptions>): ProjectionRunner;
  /** Runs a runner until the projection reaches the store's head, then stops it. */
  catchUp(options?: Partial<RunnerOptions>): Promise<void>;
  /** Waits (on notifications) until the projection's checkpoint reaches `position`. */
  waitFor(position: bigint, timeoutMs?: number): Promise<void>;
  /** Every read-model row, in a stable order (for equality checks). */
  snapshot(): Promise<Record<string, unknown[]>>;
  append(events: readonly IncidentEvent[]): Promise<RecordedEvent[]>;
  close(): Promise<void>;
}

export async function projectionHarness(url: string, store: EventStore = eventStoreFor(url)): Promise<ProjectionHarness> {
  const dataSource = await new DataSource({ ...dataSourceOptions(url), entities: READ_MODEL_ROWS }).initialize();
  const listener = new PgListener(url);
  const positions = new ProjectionPositions(dataSource, listener);
  const projection = new IncidentsProjection(store);
  const runners: ProjectionRunner[] = [];
  const runner = (options: Partial<RunnerOptions> = {}) => {
    const created = new ProjectionRunner(projection, store, dataSource, { connectionString: url, clock: systemClock, lockPollMs: 50, retryMs: { first: 20, max: 200 }, ...options });
    runners.push(created);
    return created;
  };
  const waitFor = (position: bigint, timeoutMs = 60_000) => positions.waitFor(projection.name, position, timeoutMs);
  return {
    store,
    dataSource,
    projection,
    positions,
    runner,
    waitFor,
    catchUp: async (options) => {
      const caughtUp = runner(options);
      caughtUp.start();
      await waitFor(await store.headPosition());
      await caughtUp.stop();
    },
    snapshot: async () => {
      const snapshot: Record<string, unknown[]> = {};
      for (const table of TABLES) snapshot[table] = await dataSource.query(`SELECT * FROM ${table} ORDER BY ${table}::text`);
      return snapshot;
    },
    append: async (events) => appendEvents(store, events),
    close: async () => {
      await Promise.all(runners.map((runner) => runner.stop()));
      await listener.close();
      await store.close();
      await dataSource.destroy();
    },
  };
}

/** A harness that owns its database: `url`, and EventStoreDB's `connectionString` when it runs on that adapter. */
export type MigratedHarness = ProjectionHarness & { readonly url: string; readonly connectionString?: string };

/** A harness on a fresh migrated database: the adapter `eventStore()` gives (PostgreSQL on that database, or EventStoreDB at its `connectionString`); `close` also drops the database. */
export async function migratedHarness(eventStore: () => Promise<EventStoreUnderTest>): Promise<MigratedHarness> {
  const [db, store] = await Promise.all([createTestDatabase(), eventStore()]);
  await runMigrations(db.url);
  const harness = await projectionHarness(db.url, eventStoreFor(db.url, store.connectionString));
  return {
    ...harness,
    url: db.url,
    connectionString: store.connectionString,
    close: async () => {
      await harness.close();
      await store.dispose();
      await db.drop();
    },
  };
}

/** Appends domain events to their incidents' streams as the command handler would (minus the hash chain), one append per event. */
export async function appendEvents(store: EventStore, events: readonly IncidentEvent[]): Promise<RecordedEvent[]> {
  const streams = new Set<string>();
  for (const event of events) {
    streams.add(incidentStream(event.data.incidentId));
    await store.appendToStream(incidentStream(event.data.incidentId), [
      { id: randomUUID(), type: event.type, data: JSON.parse(JSON.stringify(event.data)), metadata: { schemaVersion: schemaVersionOf(event.type) } },
    ]);
  }
  return (await Promise.all([...streams].map((stream) => store.readStream(stream)))).flat().sort((a, b) => (a.position < b.position ? -1 : 1));
}
