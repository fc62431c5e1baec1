/**
 * `npm run bench:projections`: catch-up speed of the incidents projection (summaries, records,
 * figures, tallies by the domain) over BENCH_EVENTS events (default 200,000) of a realistic mix
 * (`incident-workload.ts`), next to a projection that does nothing with the same events through the
 * same runner in the same run: their ratio is the cost of the read models themselves. Each is
 * measured BENCH_ROUNDS times (default 2, alternating), median reported, with the CPU time this
 * process and the PostgreSQL server spent on it (where the time goes on a 2-core machine), and
 * next to what PostgreSQL alone needs to store the resulting rows (`writeFloor`).
 * Targets on a 2-core machine: ≥ 10,000 events/s and ≥ 0.3× the no-op rate. Then times `tallies`
 * over the incidents projected (see `benchTallies`).
 */
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { DataSource } from 'typeorm';
import { systemClock } from '../src/common/clock.js';
import { dataSourceOptions, runMigrations } from '../src/database/data-source.js';
import { startEmbeddedPostgres } from '../src/database/embedded-postgres.js';
import type { EventStore } from '../src/event-store/event-store.port.js';
import { PostgresEventStore } from '../src/event-store/postgres/postgres-event-store.js';
import { incidentStream, INCIDENT_STREAM_PREFIX } from '../src/event-store/stream-names.js';
import { schemaVersionOf } from '../src/incidents/stored-events/incident-events.js';
import { storedData } from '../src/event-store/envelope.js';
import { IncidentSummaryRow } from '../src/incidents/read-models/incident-summary/incident-summary.entity.js';
import { type GroupBy, groupTallies, UNNAMED_ACTORS } from '../src/incidents/domain/tally-groups.js';
import { TallyGroupQueries } from '../src/incidents/read-models/incident-summary/tally-groups.queries.js';
import { IncidentsProjection, INCIDENTS_TABLES } from '../src/incidents/read-models/incidents.projection.js';
import { resetProjection } from '../src/projections/rebuild.js';
import type { Projection } from '../src/projections/projection.js';
import { ProjectionRunner } from '../src/projections/projection-runner.js';
import { incidentWorkload } from './incident-workload.js';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 200_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const WRITERS = 8;
/** Events per catch-up transaction; the runner's default when unset. */
const BATCH_SIZE = process.env.BENCH_BATCH ? Number(process.env.BENCH_BATCH) : undefined;

const noop: Projection = { name: 'noop', streamNamePrefixes: [INCIDENT_STREAM_PREFIX], writer: () => ({ apply: async () => {} }), reset: async () => {} };

/** Appends the workload as the command handler would (one append per command), WRITERS workloads side by side. */
async function load(store: EventStore): Promise<bigint> {
  const started = performance.now();
  await Promise.all(
    Array.from({ length: WRITERS }, async (_, writer) => {
      for (const { incidentId, events } of incidentWorkload({ events: EVENTS / WRITERS, seed: writer + 1 })) {
        await store.appendToStream(
          incidentStream(incidentId),
          events.map((event) => ({ id: crypto.randomUUID(), type: event.type, data: storedData(event), metadata: { schemaVersion: schemaVersionOf(event.type) } })),
        );
      }
    }),
  );
  const head = await store.headPosition();
  console.log(`Loaded ${EVENTS} events with ${WRITERS} writers in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return head;
}

/** Events per second for `projection` to catch up from the start to `head`. */
async function catchUp(projection: Projection, store: EventStore, dataSource: DataSource, url: string, head: bigint, clusterDir: string): Promise<{ rate: number; events: number; batches: number; nodeCpu: number; postgresCpu: number }> {
  await resetProjection(dataSource, projection);
  await dataSource.query('VACUUM ANALYZE');
  let events = 0;
  let batches = 0;
  let done!: () => void;
  const finished = new Promise<void>((resolve) => (done = resolve));
  const runner = new ProjectionRunner(projection, store, dataSource, {
    connectionString: url,
    clock: systemClock,
    batchSize: BATCH_SIZE,
    logger: console,
    onBatch: (count, position) => {
      events += count;
      batches++;
      if (position >= head) done();
    },
  });
  const started = performance.now();
  const nodeCpu = process.cpuUsage();
  const postgresCpu = postgresCpuSeconds(clusterDir);
  runner.start();
  await finished;
  const seconds = (performance.now() - started) / 1000;
  const { user, system } = process.cpuUsage(nodeCpu);
  const cpu = { nodeCpu: (user + system) / 1e6, postgresCpu: postgresCpuSeconds(clusterDir) - postgresCpu };
  await runner.stop();
  return { rate: events / seconds, events, batches, ...cpu };
}

/**
 * A floor under the projection's cost: PostgreSQL storing only the final rows of every table the
 * projection writes (current and temporal), from COPY text made beforehand (no events read, nothing
 * folded, no row written twice), in as many transactions as the catch-up committed. The tables are
 * copied out, emptied and written back. One connection's backend stores them one after the other,
 * so no catch-up writing the same rows can take less time.
 */
async function writeFloor(url: string, clusterDir: string, transactions: number): Promise<{ seconds: number; postgresCpu: number }> {
  const client = new pg.Client(url);
  await client.connect();
  try {
    const texts = new Map<string, Buffer>();
    for (const table of INCIDENTS_TABLES) {
      const chunks: Buffer[] = [];
      for await (const chunk of client.query(copyTo(`COPY ${table} TO STDOUT`))) chunks.push(chunk);
      texts.set(table, Buffer.concat(chunks));
    }
    await client.query(`TRUNCATE ${[...texts.keys()].join(', ')}`);
    await client.query('VACUUM ANALYZE');
    const started = performance.now();
    const postgresCpu = postgresCpuSeconds(clusterDir);
    for (let part = 0; part < transactions; part++) {
      await client.query('BEGIN');
      for (const [table, text] of texts) {
        // Whole lines: this part's share of the text, each end moved to just past a newline.
        const end = (share: number) => (share === transactions ? text.length : text.indexOf(10, Math.floor((share * text.length) / transactions)) + 1);
        const lines = text.subarray(part === 0 ? 0 : end(part), end(part + 1));
        if (lines.length > 0) await pipeline(Readable.from([lines]), client.query(copyFrom(`COPY ${table} FROM STDIN`)));
      }
      await client.query('COMMIT');
    }
    return { seconds: (performance.now() - started) / 1000, postgresCpu: postgresCpuSeconds(clusterDir) - postgresCpu };
  } finally {
    await client.end();
  }
}

const TICKS_PER_SECOND = 100;

/** CPU seconds of the PostgreSQL server: its postmaster, its reaped backends and its live ones (Linux `/proc`). */
function postgresCpuSeconds(clusterDir: string): number {
  const postmaster = readFileSync(join(clusterDir, 'postmaster.pid'), 'utf8').split('\n')[0];
  let ticks = 0;
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue; // exited meanwhile
    }
    // Fields after "pid (comm) ": state ppid … utime(12th) stime cutime cstime.
    const fields = stat.slice(stat.lastIndexOf(') ') + 2).split(' ');
    if (pid === postmaster) ticks += fields.slice(11, 15).reduce((sum, field) => sum + Number(field), 0);
    else if (fields[1] === postmaster) ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks / TICKS_PER_SECOND;
}

/** Milliseconds `run` takes, median of three. */
async function timed(run: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  return median(times);
}

/**
 * `tallies` across all the incidents just projected, summed by PostgreSQL from the figure rows,
 * next to reading every incident's tally and grouping them in Node (`groupTallies`, what as-of uses).
 */
async function benchTallies(dataSource: DataSource): Promise<void> {
  await dataSource.query('ANALYZE');
  const queries = new TallyGroupQueries(dataSource.getRepository(IncidentSummaryRow));
  for (const groupBy of [['COUNTRY'], ['PARTY', 'MONTH']] satisfies GroupBy[][]) {
    const sql = await timed(() => queries.tallies({}, groupBy));
    const inNode = await timed(async () =>
      groupTallies(await dataSource.query('SELECT country, admin1, occurred_at_as_given AS "occurredAt", tally FROM incident_summaries'), groupBy, UNNAMED_ACTORS),
    );
    console.log(`tallies(groupBy: [${groupBy.join(', ')}]): ${sql.toFixed(0)} ms; reading and grouping every tally in Node: ${inNode.toFixed(0)} ms (${(inNode / sql).toFixed(1)}×)`);
  }
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'incident-ledger-bench-'));
  chmodSync(dir, 0o755);
  const server = await startEmbeddedPostgres(dir);
  const store = new PostgresEventStore(server.url);
  let dataSource: DataSource | undefined;
  try {
    await runMigrations(server.url);
    dataSource = await new DataSource({ ...dataSourceOptions(server.url), entities: [IncidentSummaryRow] }).initialize();
    const head = await load(store);
    const samples: Record<string, number[]> = { noop: [], incidents: [] };
    let batches = 0;
    const projections = [noop, new IncidentsProjection(store)];
    for (let round = 0; round < ROUNDS; round++) {
      for (const projection of projections) {
        const { rate, events, batches: committed, nodeCpu, postgresCpu } = await catchUp(projection, store, dataSource, server.url, head, join(dir, 'postgres'));
        samples[projection.name].push(rate);
        if (projection.name === 'incidents') batches = committed;
        console.log(
          `round ${round + 1}: ${projection.name.padEnd(10)} ${events} events at ${Math.round(rate)} events/s` +
            ` (${(events / rate).toFixed(2)} s; CPU: Node ${nodeCpu.toFixed(2)} s, PostgreSQL ${postgresCpu.toFixed(2)} s)`,
        );
      }
    }
    const [{ incidents, records }] = await dataSource.query(
      'SELECT (SELECT count(*) FROM incident_summaries)::int AS incidents, (SELECT count(*) FROM incident_records)::int AS records',
    );
    const noopRate = median(samples.noop);
    const rate = median(samples.incidents);
    console.log(`read models: ${incidents} incidents, ${records} records`);
    console.log(`no-op projection (reading only):  ${String(Math.round(noopRate)).padStart(8)} events/s`);
    console.log(`incidents projection:             ${String(Math.round(rate)).padStart(8)} events/s   (target ≥ 10000)`);
    console.log(`ratio incidents / no-op:          ${(rate / noopRate).toFixed(2)}       (target ≥ 0.3)`);
    const floor = await writeFloor(server.url, join(dir, 'postgres'), batches);
    const floorRatio = (floor.seconds * noopRate) / EVENTS;
    console.log(
      `PostgreSQL storing the final rows alone (ready COPY text, ${batches} transactions): ${floor.seconds.toFixed(2)} s, ${floor.postgresCpu.toFixed(2)} s CPU` +
        ` = ${floorRatio.toFixed(2)}× the no-op's whole catch-up: no catch-up storing them exceeds ${(1 / floorRatio).toFixed(2)}× the no-op`,
    );
    await benchTallies(dataSource);
  } finally {
    await dataSource?.destroy();
    await store.close();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
