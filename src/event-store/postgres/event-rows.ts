import type { JsonObject, RecordedEvent } from '../event-store.port.js';

/** Columns of `events` that make a `RecordedEvent`, in the order `toRecordedEvent` reads them. */
export const EVENT_COLUMNS = 'position, stream, revision, id, type, data, metadata, recorded_at';

export interface EventRow {
  readonly position: string;
  readonly stream: string;
  readonly revision: string;
  readonly id: string;
  readonly type: string;
  readonly data: JsonObject;
  readonly metadata: JsonObject;
  readonly recorded_at: Date;
}

/** node-postgres returns `bigint` columns as decimal strings; the port wants `bigint`. */
export const toRecordedEvent = (row: EventRow): RecordedEvent => ({
  position: BigInt(row.position),
  stream: row.stream,
  revision: BigInt(row.revision),
  id: row.id,
  type: row.type,
  data: row.data,
  metadata: row.metadata,
  recordedAt: row.recorded_at,
});
