/**
 * `npm run bench:store`: append throughput of the PostgreSQL event store against what the same
 * server does raw, in one run on one fresh embedded PostgreSQL:
 * - adapter appends, batches of 1 and 100 events, at concurrency 1 and 8 (each writer on its own
 *   streams with an exact expected revision, as command handlers append);
 * - raw single-row `INSERT` committed on its own (autocommit: one round trip, one commit each);
 * - raw `COPY` in chunks of 1,000 rows;
 * both raw loads into a plain table made `LIKE events INCLUDING ALL` (same columns, constraints,
 * indexes). Each figure is the median of BENCH_ROUNDS runs of BENCH_SECONDS (default 3 × 3 s),
 * interleaved so load from elsewhere on the machine spreads over all of them.
 */
import { randomUUID } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { runMigrations } from '../src/database/data-source.js';
import { startEmbeddedPostgres } from '../src/database/embedded-postgres.js';
import type { EventToAppend, ExpectedRevision } from '../src/event-store/event-store.port.js';
import { PostgresEventStore } from '../src/event-store/postgres/postgres-event-store.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const APPENDS_PER_STREAM = 50;
const COPY_CHUNK = 1000;

const data = { incidentId: randomUUID(), source: 'Reuters', killed: 3, injured: 12, note: 'Two witnesses near the market confirm the figures' };
const metadata = { correlationId: randomUUID(), actor: 'analyst-7', occurredAt: '2026-11-27T12:00:00.000Z' };
const newEvents = (count: number): EventToAppend[] => Array.from({ length: count }, () => ({ id: randomUUID(), type: 'CasualtiesReported', data, metadata }));

/** One unit of work of one writer; resolves to the number of rows it wrote. */
type Step = (writer: number, step: number) => Promise<number>;

/** Rows per second that `concurrency` writers sustain, each repeating `step` for SECONDS. */
async function rowsPerSecond(concurrency: number, step: Step): Promise<number> {
  const started = performance.now();
  const deadline = started + SECONDS * 1000;
  const rows = await Promise.all(
    Array.from({ length: concurrency }, async (_, writer) => {
      let written = 0;
      for (let index = 0; performance.now() < deadline; index += 1) written += await step(writer, index);
      return written;
    }),
  );
  return rows.reduce((sum, count) => sum + count, 0) / ((performance.now() - started) / 1000);
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

let run = 0;
const appendInBatchesOf =
  (store: PostgresEventStore, batch: number): Step =>
  async (writer, index) => {
    const stream = `bench-${run}-${writer}-${Math.floor(index / APPENDS_PER_STREAM)}`;
    const appended = index % APPENDS_PER_STREAM;
    const expectedRevision: ExpectedRevision = appended === 0 ? 'no_stream' : BigInt(appended * batch - 1);
    await store.appendToStream(stream, newEvents(batch), { expectedRevision });
    return batch;
  };

const RAW_COLUMNS = 'position, transaction_id, stream, revision, id, type, data, metadata';
let rawPosition = 0;
const rawRow = (): string[] => {
  rawPosition += 1;
  return [String(rawPosition), String(rawPosition), `raw-${rawPosition}`, '0', randomUUID(), 'CasualtiesReported', JSON.stringify(data), JSON.stringify(metadata)];
};

const rawInsert =
  (pool: pg.Pool): Step =>
  async () => {
    await pool.query({ name: 'bench-raw-insert', text: `INSERT INTO events_raw (${RAW_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, values: rawRow() });
    return 1;
  };

const rawCopy =
  (pool: pg.Pool): Step =>
  async () => {
    const lines = Array.from({ length: COPY_CHUNK }, () => `${rawRow().join('\t')}\n`).join('');
    const client = await pool.connect();
    try {
      await pipeline(Readable.from([lines]), client.query(copyFrom(`COPY events_raw (${RAW_COLUMNS}) FROM STDIN`)));
    } finally {
      client.release();
    }
    return COPY_CHUNK;
  };

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'incident-ledger-bench-'));
  chmodSync(dir, 0o755);
  const server = await startEmbeddedPostgres(dir);
  const store = new PostgresEventStore(server.url);
  const pool = new pg.Pool({ connectionString: server.url, max: 8 });
  // `pool.end()` resolves before its sockets have closed; the server stopping right after must not crash the run.
  pool.on('error', () => undefined);
  try {
    await runMigrations(server.url);
    await pool.query('CREATE TABLE events_raw (LIKE events INCLUDING ALL)');
    const { rows } = await pool.query<{ version: string; fsync: string; synchronous_commit: string }>(
      `SELECT current_setting('server_version') AS version, current_setting('fsync') AS fsync, current_setting('synchronous_commit') AS synchronous_commit`,
    );
    console.log(`PostgreSQL ${rows[0].version} (fsync ${rows[0].fsync}, synchronous_commit ${rows[0].synchronous_commit}); ${ROUNDS} rounds × ${SECONDS} s, median`);

    const measurements: [label: string, concurrency: number, step: Step][] = [
      ['adapter append, batch 1', 1, appendInBatchesOf(store, 1)],
      ['adapter append, batch 1', 8, appendInBatchesOf(store, 1)],
      ['adapter append, batch 100', 1, appendInBatchesOf(store, 100)],
      ['adapter append, batch 100', 8, appendInBatchesOf(store, 100)],
      ['raw INSERT+COMMIT, 1 row', 1, rawInsert(pool)],
      ['raw INSERT+COMMIT, 1 row', 8, rawInsert(pool)],
      [`raw COPY, ${COPY_CHUNK}-row chunks`, 1, rawCopy(pool)],
      [`raw COPY, ${COPY_CHUNK}-row chunks`, 8, rawCopy(pool)],
    ];
    await rowsPerSecond(8, appendInBatchesOf(store, 1)); // warm-up: connections, prepared statements, caches
    const samples = measurements.map((): number[] => []);
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const [index, [, concurrency, step]] of measurements.entries()) {
        run += 1;
        samples[index].push(await rowsPerSecond(concurrency, step));
      }
    }
    const rate = samples.map(median);
    measurements.forEach(([label, concurrency], index) => {
      const runs = samples[index].map((sample) => Math.round(sample)).join(', ');
      console.log(`${`${label}, concurrency ${concurrency}`.padEnd(46)} ${String(Math.round(rate[index])).padStart(8)} rows/s   (${runs})`);
    });
    const [batch1At1, batch1At8, , batch100At8, insertAt1, insertAt8, copyAt1, copyAt8] = rate;
    const copyBest = Math.max(copyAt1, copyAt8);
    const ratio = (value: number, base: number): string => (value / base).toFixed(2);
    console.log(`batch 1, concurrency 1 / raw INSERT+COMMIT, concurrency 1:  ${ratio(batch1At1, insertAt1)}`);
    console.log(`batch 1, concurrency 8 / raw INSERT+COMMIT, concurrency 8:  ${ratio(batch1At8, insertAt8)}   (target ≥ 0.8)`);
    console.log(`batch 100, concurrency 8 / raw COPY (best of 1 and 8):       ${ratio(batch100At8, copyBest)}   (target ≥ 0.6)`);
  } finally {
    await pool.end();
    await store.close();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
