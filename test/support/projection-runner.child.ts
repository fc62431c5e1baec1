/**
 * Runs the incidents projection alone in its own process (no app, no HTTP) until killed: what
 * `test/projections/projection-crash.suite.ts` SIGKILLs. Compiled to JS by that suite (jest's
 * TypeScript transform does not reach child processes). Env: DATABASE_URL, BATCH_SIZE,
 * EVENTSTORE_CONNECTION_STRING (EventStoreDB instead of the PostgreSQL store), PROJECTION_LEASE_SECONDS.
 */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { systemClock } from '../../src/common/clock.js';
import { loadConfig } from '../../src/config/config.js';
import { dataSourceOptions } from '../../src/database/data-source.js';
import { EsdbEventStore } from '../../src/event-store/esdb/esdb-event-store.js';
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store.js';
import { IncidentsProjection } from '../../src/incidents/read-models/incidents.projection.js';
import { ProjectionRunner } from '../../src/projections/projection-runner.js';

const url = process.env.DATABASE_URL!;
const dataSource = await new DataSource(dataSourceOptions(url)).initialize();
const esdb = process.env.EVENTSTORE_CONNECTION_STRING;
const store = esdb ? new EsdbEventStore(esdb) : new PostgresEventStore(url);
const runner = new ProjectionRunner(new IncidentsProjection(store), store, dataSource, {
  connectionString: url,
  clock: systemClock,
  batchSize: Number(process.env.BATCH_SIZE ?? 500),
  lockPollMs: 50,
  leaseMs: loadConfig(process.env).PROJECTION_LEASE_SECONDS * 1_000,
  logger: { log: () => {}, warn: (message) => console.error(message), error: (message) => console.error(message) },
});
runner.start();
