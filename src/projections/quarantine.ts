import type { DataSource, EntityManager } from 'typeorm';
import type { RecordedEvent } from '../event-store/event-store.port.js';

/** A stream a projection has set aside (table `projection_quarantine`): the event it cannot apply, and why. */
export interface QuarantinedStream {
  readonly projection: string;
  readonly stream: string;
  /** `$all` position of the event that failed; it and every later event of the stream are skipped. */
  readonly position: bigint;
  readonly eventId: string;
  readonly eventType: string;
  /** The error the event failed with when applied alone. */
  readonly error: string;
  /** When the batch holding the event first failed. */
  readonly firstFailedAt: Date;
  /** How often the event was applied alone, each time in a fresh transaction, and failed. */
  readonly attempts: number;
}

/** A quarantined stream as JSON (`/health`, `verify`): the position a decimal string, the time ISO-8601. */
export type QuarantineReport = Omit<QuarantinedStream, 'position' | 'firstFailedAt'> & { readonly position: string; readonly firstFailedAt: string };

export const reportOf = (entry: QuarantinedStream): QuarantineReport => ({
  ...entry,
  position: entry.position.toString(),
  firstFailedAt: entry.firstFailedAt.toISOString(),
});

/**
 * A read of a quarantined stream's read model (HTTP 503 `READ_MODEL.QUARANTINED`): its rows stand
 * as they were before the event that failed, so they are not served as current.
 */
export class ReadModelQuarantined extends Error {
  constructor(readonly quarantined: QuarantinedStream) {
    const { projection, stream, position, eventType, error } = quarantined;
    super(
      `Projection ${projection} cannot apply the event at position ${position} (${eventType}) of ${stream}: ${error}. ` +
        'Its read model stays as it was before that event until a rebuild applies it',
    );
  }
}

/**
 * The skip rule, one for the runner and for verification's replay: a quarantined stream's failed
 * event and all its later events are skipped, its earlier ones applied, so its read model is the
 * last good state and never half an event.
 */
export class Quarantine {
  private readonly from = new Map<string, bigint>();

  constructor(streams: readonly Pick<QuarantinedStream, 'stream' | 'position'>[] = []) {
    for (const { stream, position } of streams) this.add(stream, position);
  }

  add(stream: string, position: bigint): void {
    this.from.set(stream, position);
  }

  skips(event: Pick<RecordedEvent, 'stream' | 'position'>): boolean {
    const from = this.from.get(event.stream);
    return from !== undefined && event.position >= from;
  }
}

type Queryable = DataSource | EntityManager;

const SELECT = `SELECT projection, stream, position, event_id AS "eventId", event_type AS "eventType", error,
  first_failed_at AS "firstFailedAt", attempts FROM projection_quarantine`;

const toQuarantined = (row: QuarantinedStream & { position: string }): QuarantinedStream => ({ ...row, position: BigInt(row.position) });

/** The streams quarantined by `projection` (by every projection when absent), in position order. */
export async function quarantinedStreams(db: Queryable, projection?: string): Promise<QuarantinedStream[]> {
  const rows = await db.query(`${SELECT} WHERE $1::text IS NULL OR projection = $1 ORDER BY position`, [projection ?? null]);
  return rows.map(toQuarantined);
}

/**
 * SQL true for a row whose stream (`prefix` followed by the row's `idColumn`) `projection` has not set
 * aside: lists and sums leave quarantined rows out, as they are not current.
 */
export const notQuarantined = (projection: string, prefix: string, idColumn: string): string =>
  `NOT EXISTS (SELECT FROM projection_quarantine q WHERE q.projection = '${projection}' AND q.stream = '${prefix}' || ${idColumn}::text)`;

/** Whether `projection` has set `stream` aside. */
export async function isQuarantined(db: Queryable, projection: string, stream: string): Promise<boolean> {
  const [{ held }] = await db.query('SELECT EXISTS (SELECT FROM projection_quarantine WHERE projection = $1 AND stream = $2) AS held', [projection, stream]);
  return held as boolean;
}

/** Throws `ReadModelQuarantined` if `projection` has set `stream` aside. */
export async function assertNotQuarantined(db: Queryable, projection: string, stream: string): Promise<void> {
  const [row] = await db.query(`${SELECT} WHERE projection = $1 AND stream = $2`, [projection, stream]);
  if (row) throw new ReadModelQuarantined(toQuarantined(row));
}

/** Records a quarantined stream, inside the transaction that moves the checkpoint past its event. */
export async function recordQuarantine(manager: EntityManager, entry: QuarantinedStream): Promise<void> {
  await manager.query(
    `INSERT INTO projection_quarantine (projection, stream, position, event_id, event_type, error, first_failed_at, attempts)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [entry.projection, entry.stream, entry.position.toString(), entry.eventId, entry.eventType, entry.error, entry.firstFailedAt, entry.attempts],
  );
}

/** Lifts every quarantine of `projection` (a rebuild, which replays their events again). */
export async function clearQuarantine(manager: EntityManager, projection: string): Promise<void> {
  await manager.query('DELETE FROM projection_quarantine WHERE projection = $1', [projection]);
}

/** How many streams `projection` has set aside (`/metrics`). */
export async function quarantineCount(db: Queryable, projection: string): Promise<number> {
  const [{ streams }] = await db.query('SELECT count(*)::int AS streams FROM projection_quarantine WHERE projection = $1', [projection]);
  return streams as number;
}
