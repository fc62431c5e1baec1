/**
 * `npm run bench:scale`: the temporal read model at scale. Writes SCALE_EVENTS events (default
 * 1,000,000) of the realistic workload (`incident-workload.ts`: ~20 commands per incident, several
 * sources, corrections, retractions, hostages; merges, see `appends`) plus one incident of BIG_RECORDS (20,000) casualty
 * records, sealed with valid hash chains, straight into the PostgreSQL store's table with COPY.
 * Then prints: catch-up and rebuild time, events/s and peak RSS; `tallies(asOf)` and an incident's
 * `tally(asOf)` p50/p95 over random cuts, next to folding the same cuts (the previous way) and
 * tallies without the tally checkpoints; an incident's `tally(asOf)` again, SCALE_INCIDENT_READS
 * (200) random incidents and cuts read one after another;
 * 100 as-of cuts of the big incident in one call and as GraphQL aliases through the app
 * (`scale-graphql.ts`); storage bytes per event per table; `verify` (read models) time.
 */
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { DataSource } from 'typeorm';
import { dataSourceOptions, runMigrations } from '../src/database/data-source.js';
import { systemClock } from '../src/common/clock.js';
import { startEmbeddedPostgres } from '../src/database/embedded-postgres.js';
import { sealEvents, storedData } from '../src/event-store/envelope.js';
import { PostgresEventStore } from '../src/event-store/postgres/postgres-event-store.js';
import { incidentStream } from '../src/event-store/stream-names.js';
import { schemaVersionOf } from '../src/incidents/stored-events/incident-events.js';
import { AsOfTallyService } from '../src/incidents/audit/as-of-tally.service.js';
import { SourceRegistryLog } from '../src/sources/stored-events/source-registry-log.js';
import { ReadModelVerification } from '../src/incidents/audit/read-model-verification.js';
import type { IncidentEvent } from '../src/incidents/domain/events.js';
import { CasualtyFigureRow } from '../src/incidents/read-models/incident-figures/casualty-figure.entity.js';
import { HostageFigureRow } from '../src/incidents/read-models/incident-figures/hostage-figure.entity.js';
import { SourceFigureRow } from '../src/incidents/read-models/incident-figures/source-figure.entity.js';
import { IncidentRecordRow } from '../src/incidents/read-models/incident-records/incident-record.entity.js';
import { IncidentSummaryRow } from '../src/incidents/read-models/incident-summary/incident-summary.entity.js';
import { IncidentsProjection } from '../src/incidents/read-models/incidents.projection.js';
import { TEMPORAL_ROWS } from '../src/incidents/read-models/temporal/temporal.entities.js';
import { TemporalTallies } from '../src/incidents/read-models/temporal/temporal-tallies.queries.js';
import { makeDueCheckpoints } from '../src/incidents/read-models/temporal/tally-checkpointer.js';
import { loadConfig } from '../src/config/config.js';
import { PgListener } from '../src/database/pg-listener.js';
import { ProjectionPositions } from '../src/projections/projection-positions.js';
import { ProjectionRunner } from '../src/projections/projection-runner.js';
import type { ProjectionsHost } from '../src/projections/projections-host.js';
import { resetProjection } from '../src/projections/rebuild.js';
import { type Decided, incidentWorkload } from './incident-workload.js';
import { graphqlCuts, timed } from './scale-graphql.js';

const EVENTS = Number(process.env.SCALE_EVENTS ?? 1_000_000);
const BIG_RECORDS = Number(process.env.SCALE_BIG_RECORDS ?? 20_000);
const CUTS = Number(process.env.SCALE_CUTS ?? 40);
const MERGE_EVERY = Number(process.env.SCALE_MERGE_EVERY ?? 2_000);
const FOLD_CUTS = Number(process.env.SCALE_FOLD_CUTS ?? 3);
const INCIDENT_READS = Number(process.env.SCALE_INCIDENT_READS ?? 200);
const KEPT_DIR = process.env.SCALE_DIR;
const START = Date.UTC(2024, 0, 1);
const BIG_INCIDENT = 'b1b1b1b1-0000-4000-8000-000000000001';

/**
 * The workload and the big incident, as the command handler would have appended them: one append per
 * command; and every SCALE_MERGE_EVERY (2,000) appends, a duplicate found late: the oldest incident
 * merged into the one opened last, which goes on getting records (so a survivor, and chains of them).
 */
function* appends(): Generator<Decided> {
  const openedIds: string[] = [];
  let count = 0;
  for (const decided of incidentWorkload({ events: EVENTS })) {
    yield decided;
    if (decided.events[0].type === 'IncidentOpened') openedIds.push(decided.incidentId);
    // The workload interleaves 20 incidents at a time: the oldest of more than 60 has had its last event.
    if (++count % MERGE_EVERY === 0 && openedIds.length > 60) {
      const merged = openedIds.shift()!;
      yield { incidentId: merged, events: [{ type: 'IncidentMergedInto', data: { incidentId: merged, into: openedIds.at(-1)! } }] };
    }
  }
  const base = { incidentId: BIG_INCIDENT, occurredAt: '2024-01-01T00:00:00Z', datePrecision: 'exact' as const };
  const opened: IncidentEvent = { type: 'IncidentOpened', data: { ...base, title: 'Big', category: 'battle', location: { country: 'MX', admin1: 'Sinaloa', admin2: 'Culiacán', place: 'Centre', geoPrecision: 'point' as const }, description: '', tags: [] } };
  yield { incidentId: BIG_INCIDENT, events: [opened] };
  const sources = [{ name: 'Government', kind: 'government' as const }, { name: 'Press', kind: 'media' as const }, { name: 'Witness', kind: 'witness' as const }];
  for (let n = 0; n < BIG_RECORDS; n++) {
    const recordId = `b2b2b2b2-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
    yield { incidentId: BIG_INCIDENT, events: [{ type: 'CasualtiesReported', data: { ...base, recordId, source: sources[n % 3], party: 'civilian', outcome: 'killed', count: 1 + (n % 5), basis: n % 7 === 0 ? 'cumulative' : 'incremental' } }] };
  }
}

/** COPY text rows of the events table, positions 1, 2, … in order, each stream's hash chain sealed as the handler seals it. */
function* eventRows(): Generator<string> {
  const heads = new Map<string, { revision: number; hash: string | null }>();
  let position = 0;
  let text = '';
  for (const { incidentId, events } of appends()) {
    const stream = incidentStream(incidentId);
    const head = heads.get(stream) ?? { revision: -1, hash: null };
    const recordedAt = new Date(START + position * 10).toISOString();
    const metadata = { commandId: crypto.randomUUID(), correlationId: crypto.randomUUID(), causationId: crypto.randomUUID(), actor: 'bench', recordedAt };
    const sealed = sealEvents(head.hash, events.map((event) => ({ id: crypto.randomUUID(), type: event.type, data: storedData(event) })), ({ type }) => ({ ...metadata, schemaVersion: schemaVersionOf(type) }));
    for (const event of sealed) {
      head.revision++;
      head.hash = (event.metadata as { hash: string }).hash;
      const json = (value: unknown) => JSON.stringify(value).replace(/\\/g, '\\\\');
      text += `${++position}\t3\t${stream}\t${head.revision}\t${event.id}\t${event.type}\t${json(event.data)}\t${json(event.metadata)}\t${recordedAt}\n`;
    }
    heads.set(stream, head);
    if (text.length > 1 << 20) {
      yield text;
      text = '';
    }
  }
  yield text;
}

const seconds = (since: number) => (performance.now() - since) / 1000;
const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(p * values.length))];

/** Peak RSS while `run` runs, sampled every 50 ms. */
async function peakRss<T>(run: () => Promise<T>): Promise<{ result: T; peakMb: number }> {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 50);
  try {
    return { result: await run(), peakMb: Math.max(peak, process.memoryUsage.rss()) / 2 ** 20 };
  } finally {
    clearInterval(timer);
  }
}

async function main(): Promise<void> {
  // SCALE_DIR keeps the database afterwards (for EXPLAIN ANALYZE and the like); it must be new or empty.
  const dir = KEPT_DIR ?? mkdtempSync(join(tmpdir(), 'incident-ledger-scale-'));
  mkdirSync(dir, { recursive: true });
  chmodSync(dir, 0o755);
  const server = await startEmbeddedPostgres(dir);
  const store = new PostgresEventStore(server.url);
  const listener = new PgListener(server.url);
  let dataSource: DataSource | undefined;
  try {
    await runMigrations(server.url);
    dataSource = await new DataSource({ ...dataSourceOptions(server.url), entities: [IncidentSummaryRow, IncidentRecordRow, CasualtyFigureRow, SourceFigureRow, HostageFigureRow, ...TEMPORAL_ROWS] }).initialize();
    const client = new pg.Client(server.url);
    await client.connect();
    let started = performance.now();
    await pipeline(Readable.from(eventRows()), client.query(copyFrom('COPY events (position, transaction_id, stream, revision, id, type, data, metadata, recorded_at) FROM STDIN')));
    await client.query('VACUUM ANALYZE events');
    await client.end();
    const head = await store.headPosition();
    console.log(`Wrote ${head} events (${EVENTS} of the workload + ${BIG_RECORDS + 1} of one big incident) in ${seconds(started).toFixed(1)} s`);

    const projection = new IncidentsProjection(store);
    const catchUp = async () => {
      let done!: () => void;
      const finished = new Promise<void>((resolve) => (done = resolve));
      const runner = new ProjectionRunner(projection, store, dataSource!, { connectionString: server.url, clock: systemClock, onBatch: (_, position) => position >= head && done() });
      runner.start();
      await finished;
      await runner.stop();
    };
    started = performance.now();
    const first = await peakRss(catchUp);
    const catchUpSeconds = seconds(started);
    console.log(`Catch-up: ${catchUpSeconds.toFixed(1)} s, ${(Number(head) / catchUpSeconds).toFixed(0)} events/s, peak RSS ${first.peakMb.toFixed(0)} MiB`);
    started = performance.now();
    const rebuilt = await peakRss(async () => {
      await resetProjection(dataSource!, projection);
      await catchUp();
    });
    const rebuildSeconds = seconds(started);
    console.log(`Rebuild: ${rebuildSeconds.toFixed(1)} s, ${(Number(head) / rebuildSeconds).toFixed(0)} events/s, peak RSS ${rebuilt.peakMb.toFixed(0)} MiB`);
    await dataSource.query('VACUUM ANALYZE');
    // As the app, once its projection is live: a tally checkpoint every `TALLY_CHECKPOINT_EVENTS` record events.
    const every = loadConfig(process.env).TALLY_CHECKPOINT_EVENTS;
    const registry = new SourceRegistryLog(store);
    started = performance.now();
    const made = every > 0 ? await makeDueCheckpoints(dataSource, registry, every) : 0;
    console.log(`Tally checkpoints (one per ${every} record events), made after the rebuild: ${made} in ${seconds(started).toFixed(1)} s`);

    const temporal = new TemporalTallies(dataSource);
    const asOf = new AsOfTallyService(store, dataSource, registry, temporal, new ProjectionPositions(dataSource, listener));
    const incidents = (await dataSource.query('SELECT incident_id FROM incident_summaries')) as { incident_id: string }[];
    let random = 7;
    const next = () => ((random = (Math.imul(random, 1_103_515_245) + 12_345) >>> 0) / 2 ** 32);
    const cuts = Array.from({ length: CUTS }, () => BigInt(1 + Math.floor(next() * Number(head))));
    // A new process reads the source registry's events from the store on its first as-of read (`KeptEvents`).
    const firstRead = await timed(() => asOf.incidents({ asOf: cuts[0].toString(), incidentIds: [BIG_INCIDENT] }));
    console.log(`first tally(asOf) of a new process (reads the source registry's events): ${firstRead.toFixed(1)} ms`);
    const tallies: number[] = [];
    const withoutCheckpoints: number[] = [];
    const tally: number[] = [];
    for (const cut of cuts) {
      tallies.push(await timed(() => asOf.tallyGroups({}, ['COUNTRY'], cut.toString())));
      // The previous way, in the same run: every incident's rows as of the cut, no checkpoint.
      withoutCheckpoints.push(await timed(() => temporal.withoutCheckpoints(cut, {}, {}, ['COUNTRY'])));
      const { incident_id: id } = incidents[Math.floor(next() * incidents.length)];
      tally.push(await timed(() => asOf.incidents({ asOf: cut.toString(), incidentIds: [id] })));
    }
    const foldAll: number[] = [];
    const foldOne: number[] = [];
    for (const cut of cuts.slice(0, FOLD_CUTS)) foldAll.push(await timed(() => asOf.known({ asOf: cut.toString() })));
    for (const cut of cuts) foldOne.push(await timed(() => asOf.known({ asOf: cut.toString(), incidentIds: [BIG_INCIDENT] })));
    const bigCuts = cuts.map((cut) => (cut < head - 20_000n ? head - BigInt(Math.floor(next() * BIG_RECORDS)) : cut));
    const big: number[] = [];
    for (const cut of bigCuts) big.push(await timed(() => asOf.incidents({ asOf: cut.toString(), incidentIds: [BIG_INCIDENT] })));
    // Incident reads one after another, not each right after a read of every incident as above: more samples, without the big reads' wake.
    const inARow: number[] = [];
    for (let n = 0; n < INCIDENT_READS; n++) {
      const cut = BigInt(1 + Math.floor(next() * Number(head)));
      const { incident_id: id } = incidents[Math.floor(next() * incidents.length)];
      inARow.push(await timed(() => asOf.incidents({ asOf: cut.toString(), incidentIds: [id] })));
    }
    // 100 cuts spread over the big incident's records, as an as-of slider or an auditor stepping through revisions asks them.
    const hundredCuts = (round: number) => Array.from({ length: 100 }, (_, n) => head - BigInt(n * Math.floor(BIG_RECORDS / 100) + round + 1));
    const atOnce: number[] = [];
    for (let round = 0; round < 10; round++) {
      const asked = hundredCuts(round).map((cut) => ({ incidentId: BIG_INCIDENT, asOf: { position: cut }, bestPolicy: undefined }));
      atOnce.push(await timed(() => asOf.incidentsAt(asked)));
    }
    const line = (name: string, values: number[], fold?: number[]) =>
      console.log(
        `${name.padEnd(52)} p50 ${percentile(values, 0.5).toFixed(1).padStart(8)} ms  p95 ${percentile(values, 0.95).toFixed(1).padStart(8)} ms` +
          (fold ? `   fold p50 ${percentile(fold, 0.5).toFixed(0)} ms (×${(percentile(fold, 0.5) / percentile(values, 0.5)).toFixed(0)})` : ''),
      );
    line(`tallies(asOf, groupBy COUNTRY), ${CUTS} cuts`, tallies, foldAll);
    line(`  the same, without tally checkpoints`, withoutCheckpoints);
    line(`incident tally(asOf), random ones between tallies reads`, tally);
    line(`incident tally(asOf), ${INCIDENT_READS} random ones in a row`, inARow);
    line(`incident tally(asOf), ${BIG_RECORDS}-record incident`, big, foldOne);
    line(`100 cuts of the ${BIG_RECORDS}-record incident, one incidentsAt call`, atOnce);
    const graphql = await graphqlCuts(server.url, dir, BIG_INCIDENT, hundredCuts);
    line(`GraphQL: 25 tally(asOf) aliases, one operation`, graphql.one);
    line(`GraphQL: 100 tally(asOf) aliases, one operation`, graphql.hundred);

    const tables = (await dataSource.query(
      `SELECT relname AS table, pg_total_relation_size(c.oid) AS bytes FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = current_schema() AND c.relkind = 'r' ORDER BY bytes DESC`,
    )) as { table: string; bytes: string }[];
    for (const { table, bytes } of tables.filter(({ bytes }) => Number(bytes) > 16_384)) {
      console.log(`storage ${table.padEnd(28)} ${(Number(bytes) / 2 ** 20).toFixed(1).padStart(8)} MiB  ${(Number(bytes) / Number(head)).toFixed(0).padStart(5)} bytes/event`);
    }
    started = performance.now();
    const findings = await new ReadModelVerification(dataSource, store, { projections: () => [projection] } as unknown as ProjectionsHost).findings();
    console.log(`verify (read models, temporal tables included): ${seconds(started).toFixed(1)} s, ${findings.differences.length} differences`);
  } finally {
    await listener.close();
    await dataSource?.destroy();
    await store.close();
    await server.stop();
    if (KEPT_DIR === undefined) rmSync(dir, { recursive: true, force: true });
  }
}

await main();
