import type { EntityManager } from 'typeorm';
import type { RecordedEvent } from '../event-store/event-store.port.js';

/**
 * A projection: a name (its checkpoint key and lock), the events it wants, and writers that apply
 * batches of them to its tables.
 */
export interface Projection {
  readonly name: string;
  /** Only streams starting with one of these prefixes are read from `$all`. */
  readonly streamNamePrefixes: readonly string[];
  /** Event types writers receive; others only advance the checkpoint. All when absent. */
  readonly eventTypes?: readonly string[];
  /**
   * A writer for one run over the tables: the runner takes a new one each time it (re)subscribes
   * from the checkpoint, a replay into shadow tables (verification) its own. While it lives it is
   * the only writer of those tables, so it may keep in memory what it wrote.
   */
  writer(): ProjectionWriter;
  /** Empties the projection's tables (rebuild), inside the transaction that resets the checkpoint. */
  reset(manager: EntityManager): Promise<void>;
}

export interface ProjectionWriter {
  /**
   * Applies events, in position order, to the projection's tables through `manager`, inside the
   * transaction the runner opens, which also moves the checkpoint: a batch's effects and the
   * checkpoint commit together or not at all. After a failed batch the writer is dropped.
   */
  apply(events: readonly RecordedEvent[], manager: EntityManager): Promise<void>;
  /**
   * Sees every event of the projection's streams that a transaction moves the checkpoint past,
   * applied or not (other event types, quarantined streams), in position order, after `apply` in
   * the same transaction: for what every event counts in, as the record-time clock does.
   */
  passed?(events: readonly RecordedEvent[], manager: EntityManager): Promise<void>;
}

/** NOTIFY payloads are limited to 8000 bytes; callers chunk their messages under this. */
export const MAX_PAYLOAD = 7_900;

/**
 * `pg_notify` each payload on `channel` inside the caller's transaction: PostgreSQL delivers
 * notifications only when (and if) the transaction commits, so listeners never hear of a change
 * that was rolled back.
 */
export async function notify(manager: EntityManager, channel: string, payloads: readonly string[]): Promise<void> {
  const tooLong = payloads.find((payload) => Buffer.byteLength(payload) > MAX_PAYLOAD);
  if (tooLong !== undefined) throw new RangeError(`NOTIFY payload over ${MAX_PAYLOAD} bytes on ${channel}`);
  if (payloads.length === 0) return;
  await manager.query('SELECT pg_notify($1, payload) FROM unnest($2::text[]) AS payload', [channel, payloads]);
}
