/**
 * `npm run bench:exports`: time and peak RSS of `GET /exports/incidents.csv` (each format) and
 * `incidents.geojson` over BENCH_INCIDENTS summaries (default 100,000), streamed by the same service
 * the controller uses into a sink that counts bytes, next to PostgreSQL's own `COPY (…) TO STDOUT
 * WITH CSV` of the same rows in the same order, in the same run. A filtered export of a fifth of the
 * incidents shows whether memory grows with the row count. Peak RSS is sampled every 5 ms; the
 * summaries are written directly (COPY), as the projection would store them.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { DataSource } from 'typeorm';
import { dataSourceOptions, runMigrations } from '../src/database/data-source.js';
import { startEmbeddedPostgres } from '../src/database/embedded-postgres.js';
import { PostgresEventStore } from '../src/event-store/postgres/postgres-event-store.js';
import { AsOfTallyService } from '../src/incidents/audit/as-of-tally.service.js';
import { SourceRegistryLog } from '../src/sources/stored-events/source-registry-log.js';
import { PARTIES, type IncidentEvent } from '../src/incidents/domain/events.js';
import { tallyOf } from '../src/incidents/domain/tally.js';
import { EXPORT_FORMATS } from '../src/incidents/exports/csv-columns.js';
import { EXPORTED_SUMMARY_COLUMNS } from '../src/incidents/exports/exported-incident.js';
import { ExportRows } from '../src/incidents/exports/export-rows.js';
import { IncidentExports } from '../src/incidents/exports/incident-exports.service.js';
import { IncidentSummaryRow } from '../src/incidents/read-models/incident-summary/incident-summary.entity.js';
import { summaryRowOf, WRITE_SUMMARIES } from '../src/incidents/read-models/incident-summary/incident-summary.rows.js';
import { TemporalTallies } from '../src/incidents/read-models/temporal/temporal-tallies.queries.js';
import { copyRows } from '../src/projections/bulk-write.js';
import { PgListener } from '../src/database/pg-listener.js';
import { ProjectionPositions } from '../src/projections/projection-positions.js';

const INCIDENTS = Number(process.env.BENCH_INCIDENTS ?? 100_000);
const SOURCES = [
  { name: 'State government', kind: 'government' as const },
  { name: 'Local press', kind: 'media' as const },
];

/** Incident `n`: one in five in CO, coordinates on half, four casualty reports from two sources. */
function summaryOf(n: number) {
  const incidentId = `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
  const occurredAt = new Date(Date.UTC(2015, 0, 1) + n * 600_000).toISOString();
  const location = { country: n % 5 ? 'MX' : 'CO', admin1: `Region ${n % 12}`, admin2: `District ${n % 97}`, place: `Place ${n}`, ...(n % 2 ? { geoPrecision: 'admin1' as const } : { lat: 19 + (n % 1000) / 100, lon: -99 - (n % 700) / 100, geoPrecision: 'point' as const }) };
  const reports: IncidentEvent[] = [0, 1, 2, 3].map((report) => ({
    type: 'CasualtiesReported',
    data: { incidentId, recordId: crypto.randomUUID(), occurredAt, datePrecision: 'day', source: SOURCES[report % 2], party: PARTIES[(n + report) % PARTIES.length], outcome: report === 3 ? 'injured' : 'killed', count: 1 + ((n + report) % 9), basis: 'cumulative' },
  }));
  const fields = { title: `Incident ${n}`, category: 'battle' as const, occurredAt, datePrecision: 'day' as const, location, description: `Clash number ${n}, reported by "two" sources`, tags: ['bench'] };
  return summaryRowOf({ incidentId, revision: 4n, position: BigInt(n + 1), fields, status: 'open', tally: tallyOf(reports), actors: new Map() });
}

async function seed(dataSource: DataSource): Promise<void> {
  for (let start = 0; start < INCIDENTS; start += 10_000) {
    const rows = Array.from({ length: Math.min(10_000, INCIDENTS - start) }, (_, i) => summaryOf(start + i));
    await dataSource.transaction((manager) => copyRows(manager, WRITE_SUMMARIES, rows));
  }
  await dataSource.query('VACUUM ANALYZE incident_summaries');
}

/** Drains `source` into a byte counter; seconds, bytes and the peak RSS (MB) seen meanwhile. */
async function measure(source: () => Promise<Readable>): Promise<{ seconds: number; megabytes: number; peakRss: number }> {
  global.gc?.();
  let peak = process.memoryUsage.rss();
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 5);
  let bytes = 0;
  const started = performance.now();
  await pipeline(await source(), new Writable({ write: (chunk: Buffer | string, _encoding, done) => ((bytes += chunk.length), done()) }));
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  return { seconds, megabytes: bytes / 1e6, peakRss: Math.max(peak, process.memoryUsage.rss()) / 1e6 };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'incident-ledger-bench-'));
  chmodSync(dir, 0o755);
  const server = await startEmbeddedPostgres(dir);
  const store = new PostgresEventStore(server.url);
  const client = new pg.Client(server.url);
  const listener = new PgListener(server.url);
  let dataSource: DataSource | undefined;
  try {
    await runMigrations(server.url);
    dataSource = await new DataSource({ ...dataSourceOptions(server.url), entities: [IncidentSummaryRow] }).initialize();
    const seeding = performance.now();
    await seed(dataSource);
    console.log(`Seeded ${INCIDENTS} incident summaries in ${((performance.now() - seeding) / 1000).toFixed(1)} s; RSS now ${(process.memoryUsage.rss() / 1e6).toFixed(0)} MB`);
    await client.connect();
    const registry = new SourceRegistryLog(store);
    const asOf = new AsOfTallyService(store, dataSource, registry, new TemporalTallies(dataSource), new ProjectionPositions(dataSource, listener));
    const exports = new IncidentExports(new ExportRows(dataSource), asOf, registry);
    const runs: [string, () => Promise<Readable>][] = [
      ['COPY TO STDOUT (baseline)', async () => client.query(copyTo(`COPY (SELECT ${EXPORTED_SUMMARY_COLUMNS} FROM incident_summaries ORDER BY occurred_at, incident_id) TO STDOUT WITH (FORMAT csv, HEADER)`))],
      ...EXPORT_FORMATS.map((format): [string, () => Promise<Readable>] => [`incidents.csv ${format}`, () => exports.incidentsCsv(format, {})]),
      ['incidents.geojson', () => exports.geojson({})],
      ['incidents.csv native, country=CO (a fifth)', () => exports.incidentsCsv('native', { country: 'CO' })],
    ];
    for (const [name, source] of runs) {
      const { seconds, megabytes, peakRss } = await measure(source);
      console.log(`${name.padEnd(44)} ${seconds.toFixed(2).padStart(6)} s  ${megabytes.toFixed(1).padStart(6)} MB out  peak RSS ${peakRss.toFixed(0).padStart(4)} MB`);
    }
  } finally {
    await client.end();
    await listener.close();
    await dataSource?.destroy();
    await store.close();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
