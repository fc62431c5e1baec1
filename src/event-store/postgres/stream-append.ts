import type pg from 'pg';
import type { AppendResult, EventToAppend, ExpectedRevision } from '../event-store.port.js';
import { EventStoreError, WrongExpectedVersion } from '../event-store.errors.js';
import { isAppendConflict } from './pg-errors.js';

/** `position` keeps 16 bits for the index of an event within its append (see the migration). */
export const MAX_EVENTS_PER_APPEND = 0xffff;

/**
 * One statement, so one round trip and one transaction per append: read the stream's head, check
 * the expected revision, insert. Positions are `xid * 2^16 + index` (transaction-id visibility, as
 * in Emmett/Marten-style stores: readers only hand out rows of transactions older than the oldest
 * running one, so a position is never skipped when appends commit out of order). A failed check
 * inserts nothing; a concurrent append to the same stream fails on the unique (stream, revision)
 * index. Both cases go to `resolveRejectedAppend`.
 */
const appendStatement = (events: string): string => `
  INSERT INTO events (position, transaction_id, stream, revision, id, type, data, metadata)
  SELECT (tx.id::text::bigint << 16) + e.index, tx.id, $1, head.revision + e.index, e.id, e.type, e.data, e.metadata
  FROM (SELECT pg_current_xact_id() AS id) tx,
       (SELECT coalesce(max(revision), -1) AS revision FROM events WHERE stream = $1) head,
       ${events}
  WHERE CASE $2::text
    WHEN 'any' THEN true
    WHEN 'no_stream' THEN head.revision = -1
    WHEN 'stream_exists' THEN head.revision >= 0
    ELSE head.revision = $3::bigint
  END
  RETURNING revision, position`;

// A single event binds plain parameters: measurably cheaper than unpacking a one-element JSON array.
const APPEND_ONE = {
  name: 'event-store.append-one',
  text: appendStatement('(VALUES ($4::uuid, $5::text, $6::jsonb, $7::jsonb, 1)) AS e(id, type, data, metadata, index)'),
};
const APPEND_MANY = {
  name: 'event-store.append-many',
  text: appendStatement(`ROWS FROM (jsonb_to_recordset($4::jsonb) AS (id uuid, type text, data jsonb, metadata jsonb))
       WITH ORDINALITY AS e(id, type, data, metadata, index)`),
};

const STREAM_STATE = {
  name: 'event-store.stream-state',
  text: `SELECT (SELECT max(revision) FROM events WHERE stream = $1) AS head,
                (SELECT coalesce(json_agg(json_build_object('id', id, 'revision', revision::text, 'position', position::text) ORDER BY revision), '[]')
                   FROM events WHERE stream = $1 AND id = ANY ($2::uuid[])) AS written,
                EXISTS (SELECT FROM events WHERE stream <> $1 AND id = ANY ($2::uuid[])) AS taken_elsewhere`,
};

interface InsertedRow {
  readonly revision: string;
  readonly position: string;
}

interface StreamState {
  readonly head: string | null;
  readonly written: readonly (InsertedRow & { readonly id: string })[];
  readonly taken_elsewhere: boolean;
}

/**
 * Event ids are unique store-wide here (EventStoreDB only deduplicates within a stream), so reusing
 * an id in another stream is refused rather than silently written twice.
 */
export class EventIdTaken extends EventStoreError {
  constructor(readonly stream: string) {
    super(`An event id appended to ${stream} is already used in another stream`);
  }
}

const expectationMet = (expected: ExpectedRevision, head: bigint | undefined): boolean => {
  switch (expected) {
    case 'any':
      return true;
    case 'no_stream':
      return head === undefined;
    case 'stream_exists':
      return head !== undefined;
    default:
      return head === expected;
  }
};

const lastOf = (rows: readonly InsertedRow[]): AppendResult =>
  rows.reduce<AppendResult>(
    (last, row) => (BigInt(row.revision) > last.nextRevision ? { nextRevision: BigInt(row.revision), position: BigInt(row.position) } : last),
    { nextRevision: -1n, position: -1n },
  );

async function tryAppend(pool: pg.Pool, stream: string, events: readonly EventToAppend[], expected: ExpectedRevision): Promise<AppendResult | undefined> {
  const check = typeof expected === 'bigint' ? ['revision', String(expected)] : [expected, null];
  const [single] = events;
  const query =
    events.length === 1
      ? { ...APPEND_ONE, values: [stream, ...check, single.id, single.type, JSON.stringify(single.data), JSON.stringify(single.metadata)] }
      : { ...APPEND_MANY, values: [stream, ...check, JSON.stringify(events)] };
  try {
    const { rows } = await pool.query<InsertedRow>(query);
    return rows.length === events.length ? lastOf(rows) : undefined;
  } catch (error) {
    if (isAppendConflict(error)) return undefined;
    throw error;
  }
}

/**
 * Decides what a rejected append means, as EventStoreDB does: the same ids already written in
 * this order → the original result (idempotent, whatever the expected revision says now); some of
 * them written → the append cannot be repeated, `WrongExpectedVersion`; an id used by another
 * stream → `EventIdTaken`; none written → the
 * expected revision decides between `WrongExpectedVersion` and another attempt (a concurrent
 * append took the revision this one computed).
 */
async function resolveRejectedAppend(pool: pg.Pool, stream: string, events: readonly EventToAppend[], expected: ExpectedRevision): Promise<AppendResult | 'retry'> {
  const { rows } = await pool.query<StreamState>({ ...STREAM_STATE, values: [stream, events.map((event) => event.id)] });
  const { written, taken_elsewhere: takenElsewhere } = rows[0];
  const head = rows[0].head === null ? undefined : BigInt(rows[0].head);
  const sameAppend =
    written.length === events.length &&
    written.every((row, index) => row.id === events[index].id.toLowerCase() && BigInt(row.revision) === BigInt(written[0].revision) + BigInt(index));
  if (sameAppend) return lastOf(written);
  if (takenElsewhere) throw new EventIdTaken(stream);
  if (written.length > 0 || !expectationMet(expected, head)) throw new WrongExpectedVersion(stream, expected, head);
  return 'retry';
}

/** Appends with the port's semantics; see `EventStore.appendToStream`. */
export async function appendToStream(pool: pg.Pool, stream: string, events: readonly EventToAppend[], expected: ExpectedRevision): Promise<AppendResult> {
  for (;;) {
    const appended = await tryAppend(pool, stream, events, expected);
    if (appended) return appended;
    const resolved = await resolveRejectedAppend(pool, stream, events, expected);
    if (resolved !== 'retry') return resolved;
  }
}
