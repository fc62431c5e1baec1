/**
 * The event-store port: the only way the application reaches an event store.
 *
 * Semantics follow EventStoreDB so that the PostgreSQL and EventStoreDB adapters are
 * interchangeable (one contract suite, `test/event-store.contract.ts`, runs against both):
 * - a stream's revisions are 0, 1, 2, … without gaps;
 * - `$all` positions are `bigint`s that strictly increase in commit order across all streams
 *   (they may have gaps); they travel as decimal strings outside the process;
 * - appends are atomic per call and idempotent by event id.
 */
import { StreamNotFound } from './event-store.errors.js';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/**
 * `any`: no check. `no_stream`: the stream must not exist. `stream_exists`: it must exist.
 * A `bigint`: the revision of the stream's last event must be exactly this.
 */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | bigint;

export interface EventToAppend {
  /** UUID. Appending an id that is already in the stream is a no-op (see `appendToStream`). */
  readonly id: string;
  readonly type: string;
  readonly data: JsonObject;
  readonly metadata: JsonObject;
}

export interface RecordedEvent extends EventToAppend {
  readonly stream: string;
  readonly revision: bigint;
  readonly position: bigint;
  /** Store time, set by the store when the event was committed. */
  readonly recordedAt: Date;
}

export interface AppendResult {
  /** Revision of the last event of the append (the stream's revision after it). */
  readonly nextRevision: bigint;
  /** `$all` position of the last event of the append. */
  readonly position: bigint;
}

export interface AppendOptions {
  /** Defaults to `any`. */
  readonly expectedRevision?: ExpectedRevision;
}

export interface ReadStreamOptions {
  /** First revision to read, inclusive. Defaults to the start (forwards) or the end (backwards). */
  readonly fromRevision?: bigint | 'start' | 'end';
  readonly direction?: 'forwards' | 'backwards';
  readonly maxCount?: number;
}

export interface ReadAllOptions {
  /** First position to read, inclusive (as in EventStoreDB). Defaults to the start. */
  readonly fromPosition?: bigint | 'start';
  /** At most this many events (of those the filter accepts). */
  readonly maxCount?: number;
  /** Only events whose stream name starts with one of these prefixes. */
  readonly filter?: { readonly streamNamePrefixes: readonly string[] };
}

/** The events a scan of `$all` wants: of streams with one of the prefixes, of one of the types. */
export interface ScanFilter {
  readonly streamNamePrefixes: readonly string[];
  readonly eventTypes: readonly string[];
}

export interface ScanAllOptions {
  /** First position to read, inclusive (as in EventStoreDB). Defaults to the start. */
  readonly fromPosition?: bigint | 'start';
  readonly filter: ScanFilter;
}

/** What `scanAll` found. */
export interface AllScan {
  /** The events the filter accepts that had committed when the scan ran, in position order. */
  readonly events: RecordedEvent[];
  /**
   * No event the filter accepts at or before this position can commit after the scan, so the next
   * scan can start here (inclusive); it may hand out again events it holds, those at or after it.
   * `undefined`: nothing was read.
   */
  readonly scannedTo: bigint | undefined;
}

export interface SubscribeToAllOptions {
  /**
   * Where to start: `start`, or a position previously handed out by this store, exclusive
   * (the subscription resumes after it — pass the last checkpoint). Defaults to `start`.
   */
  readonly fromPosition?: bigint | 'start';
  /** Only events whose stream name starts with one of these prefixes. System streams are never delivered. */
  readonly filter?: { readonly streamNamePrefixes: readonly string[] };
}

/**
 * A live subscription to `$all`: catches up from its start, then follows new events as they commit,
 * in position order, each event once. Iterate it with `for await`; `close()` ends the iteration.
 * A store failure ends the iteration with `EventStoreUnavailable`; resume with a new subscription
 * from the last position seen.
 */
export interface EventSubscription extends AsyncIterable<RecordedEvent> {
  close(): Promise<void>;
}

/** Dependency-injection token and interface of the event store. */
export abstract class EventStore {
  /** Name shown by `/health`: `postgres` or `eventstoredb`. */
  abstract readonly kind: string;

  /**
   * Appends `events` atomically to `stream`, checking `expectedRevision` first.
   * Throws `WrongExpectedVersion` (with expected and actual revisions) when the check fails.
   * Idempotent as in EventStoreDB: if every event id was already appended to this stream by an
   * earlier call with the same ids in the same order, returns that call's result and writes nothing.
   */
  abstract appendToStream(stream: string, events: readonly EventToAppend[], options?: AppendOptions): Promise<AppendResult>;

  /** Reads a stream in revision order. Throws `StreamNotFound` if the stream has no events. */
  abstract readStream(stream: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;

  /** As `readStream`, but a stream with no events reads as empty: for callers to whom a new stream is simply one not written yet. */
  async readStreamIfAny(stream: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    try {
      return await this.readStream(stream, options);
    } catch (error) {
      if (error instanceof StreamNotFound) return [];
      throw error;
    }
  }

  /** Reads `$all` forwards in position order (user streams only). */
  abstract readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;

  /**
   * Every event of `$all` from `fromPosition` that `filter` accepts and that had committed when
   * called, though older transactions still run (a decision must see all it could know of; no wait,
   * unlike `readAll`), and how far no more can appear, so that a log kept in memory (`KeptEvents`)
   * reads only what was committed since. The PostgreSQL store finds them through its index on the
   * event type, whatever the size of `$all`; EventStoreDB's client reads `$all` unfiltered, so
   * there the scan goes through every event after `fromPosition`.
   */
  abstract scanAll(options: ScanAllOptions): Promise<AllScan>;

  /** See `EventSubscription`. */
  abstract subscribeToAll(options?: SubscribeToAllOptions): EventSubscription;

  /** Position of the last event in `$all` (0n when empty). Used for progress and lag. */
  abstract headPosition(): Promise<bigint>;

  /** Resolves when the store answers; throws `EventStoreUnavailable` otherwise. */
  abstract ping(): Promise<void>;

  /** Releases connections. */
  abstract close(): Promise<void>;
}
