import pg from 'pg';
import { pollUntil } from '../../common/retry.js';
import {
  EventStore,
  type AppendOptions,
  type AllScan,
  type AppendResult,
  type EventSubscription,
  type EventToAppend,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type ScanAllOptions,
  type SubscribeToAllOptions,
} from '../event-store.port.js';
import { StreamNotFound } from '../event-store.errors.js';
import { type AllPage, readAllPage, scanCommitted } from './all-page.js';
import { AppendSignal } from './append-signal.js';
import { EVENT_COLUMNS, toRecordedEvent, type EventRow } from './event-rows.js';
import { GuardedClient } from '../../database/guarded-client.js';
import { translated } from './pg-errors.js';
import { PostgresSubscription } from './postgres-subscription.js';
import { appendToStream, MAX_EVENTS_PER_APPEND } from './stream-append.js';

const SETTLE_WAIT_MS = 1000;

/** Positions start above 2^16, so "after -1" reads from the start and "after p - 1" from p inclusive. */
const afterOf = (from: bigint | 'start'): bigint => (from === 'start' ? -1n : from - 1n);

const READ_FORWARDS = {
  name: 'event-store.read-stream-forwards',
  text: `SELECT ${EVENT_COLUMNS} FROM events WHERE stream = $1 AND revision >= $2 ORDER BY revision LIMIT $3`,
};
const READ_BACKWARDS = {
  name: 'event-store.read-stream-backwards',
  text: `SELECT ${EVENT_COLUMNS} FROM events WHERE stream = $1 AND revision <= $2 ORDER BY revision DESC LIMIT $3`,
};
/** Reading backwards from `end` starts at the largest revision a `bigint` column holds. */
const LAST_REVISION = 2n ** 63n - 1n;
const STREAM_EXISTS = { name: 'event-store.stream-exists', text: 'SELECT EXISTS (SELECT FROM events WHERE stream = $1) AS exists' };
const HEAD_POSITION = {
  name: 'event-store.head-position',
  text: `SELECT coalesce(max(position), 0) AS position FROM events WHERE stream NOT LIKE '$%'`,
};

/**
 * The event store on PostgreSQL (the `events` table of migration `CreateEvents…`), through a
 * node-postgres pool: an append is one statement (`stream-append.ts`), `$all` reads and
 * subscriptions use transaction-id visibility (`all-page.ts`).
 */
export class PostgresEventStore extends EventStore {
  readonly kind = 'postgres';
  private readonly pool: pg.Pool;
  private readonly ownsPool: boolean;
  private readonly signal: AppendSignal;

  /**
   * From a connection string (the store opens and closes its own pool) or a pool the caller owns.
   * Once a subscription has started, one more connection to the pool's database (not one of the
   * pool's) stays open for LISTEN until `close()`.
   */
  constructor(connection: string | pg.Pool) {
    super();
    this.ownsPool = typeof connection === 'string';
    this.pool = typeof connection === 'string' ? new pg.Pool({ connectionString: connection, max: 20, Client: GuardedClient }) : connection;
    // An idle client's connection dropping must not crash the process; the next query reports it.
    if (this.ownsPool) this.pool.on('error', () => undefined);
    this.signal = new AppendSignal(this.pool);
  }

  async appendToStream(stream: string, events: readonly EventToAppend[], options: AppendOptions = {}): Promise<AppendResult> {
    if (events.length === 0 || events.length > MAX_EVENTS_PER_APPEND) {
      throw new RangeError(`An append takes 1 to ${MAX_EVENTS_PER_APPEND} events, not ${events.length}`);
    }
    const result = await translated(() => appendToStream(this.pool, stream, events, options.expectedRevision ?? 'any'));
    this.signal.appended();
    return result;
  }

  readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    return translated(async () => {
      const backwards = options.direction === 'backwards';
      const from = options.fromRevision ?? (backwards ? 'end' : 'start');
      const fromRevision = from === 'start' ? 0n : from === 'end' ? LAST_REVISION : from;
      const { rows } = await this.pool.query<EventRow>({
        ...(backwards ? READ_BACKWARDS : READ_FORWARDS),
        values: [stream, String(fromRevision), options.maxCount ?? null],
      });
      if (rows.length === 0 && !(await this.streamExists(stream))) throw new StreamNotFound(stream);
      return rows.map(toRecordedEvent);
    });
  }

  readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const from = options.fromPosition ?? 'start';
    const limit = options.maxCount ?? null;
    const prefixes = options.filter?.streamNamePrefixes;
    return translated(async () => {
      // Only settled rows are handed out (see all-page.ts). So that a read sees what had committed when it
      // was called (an export right after an import, say), wait briefly for older transactions still
      // running; past the deadline, return the settled prefix: it is still gap-free.
      // Settled: the page reaches the head the first read saw.
      let first: AllPage | undefined;
      const settled = (page: AllPage) => {
        first ??= page;
        return first.head === undefined || page.complete >= first.head || page.events.length === limit;
      };
      return (await pollUntil(() => readAllPage(this.pool, afterOf(from), limit, prefixes), settled, { pauseMs: 2, timeoutMs: SETTLE_WAIT_MS })).events;
    });
  }

  scanAll({ fromPosition = 'start', filter }: ScanAllOptions): Promise<AllScan> {
    return translated(async () => {
      const { events, settled } = await scanCommitted(this.pool, afterOf(fromPosition), filter.streamNamePrefixes, filter.eventTypes);
      return { events, scannedTo: settled };
    });
  }

  subscribeToAll(options: SubscribeToAllOptions = {}): EventSubscription {
    const from = options.fromPosition ?? 'start';
    const prefixes = options.filter?.streamNamePrefixes;
    return new PostgresSubscription((after, limit) => readAllPage(this.pool, after, limit, prefixes), this.signal, from === 'start' ? -1n : from);
  }

  headPosition(): Promise<bigint> {
    return translated(async () => BigInt((await this.pool.query<{ position: string }>(HEAD_POSITION)).rows[0].position));
  }

  ping(): Promise<void> {
    return translated(async () => {
      await this.pool.query('SELECT 1');
    });
  }

  async close(): Promise<void> {
    await this.signal.close();
    if (this.ownsPool) await this.pool.end();
  }

  private async streamExists(stream: string): Promise<boolean> {
    return (await this.pool.query<{ exists: boolean }>({ ...STREAM_EXISTS, values: [stream] })).rows[0].exists;
  }
}
