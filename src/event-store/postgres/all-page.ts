import type pg from 'pg';
import type { RecordedEvent } from '../event-store.port.js';
import { EVENT_COLUMNS, toRecordedEvent, type EventRow } from './event-rows.js';

/** The first position not yet settled: that of the oldest transaction still running (`pg_snapshot_xmin`). */
const STABLE_BELOW = 'pg_snapshot_xmin(pg_current_snapshot())::text::bigint << 16 AS stable_below';

/**
 * Reads `$all` after a position, handing out only rows of transactions older than the oldest
 * transaction still running (`pg_snapshot_xmin`): those have all ended, and any later append gets a
 * larger xid, hence a larger position. So nothing can ever appear behind a position already handed
 * out, though concurrent appends commit out of order. (A plain bigserial read in value order skips
 * rows that commit late.) The snapshot bound and the read come from one statement, one snapshot.
 */
const READ_ALL_PAGE = {
  name: 'event-store.read-all-page',
  text: `
    SELECT snapshot.stable_below, snapshot.head, page.*
    FROM (SELECT ${STABLE_BELOW},
                 (SELECT max(position) FROM events) AS head) snapshot
    LEFT JOIN LATERAL (
      SELECT ${EVENT_COLUMNS} FROM events
      WHERE position > $1 AND position < snapshot.stable_below AND stream NOT LIKE '$%'
        AND ($3::text[] IS NULL OR stream LIKE ANY ($3::text[]))
      ORDER BY position
      LIMIT $2
    ) page ON true`,
};

export interface AllPage {
  readonly events: RecordedEvent[];
  /** Every row at or below this position that this page's filter accepts is in `events` or earlier. */
  readonly complete: bigint;
  /** Rows exist that are not yet handed out because an older transaction is still running. */
  readonly pending: boolean;
  /** The last committed position when the page was read (undefined when the store is empty). */
  readonly head: bigint | undefined;
}

type PageRow = { stable_below: string; head: string | null } & ({ [K in keyof EventRow]: null } | EventRow);

const likePrefix = (prefix: string): string => `${prefix.replace(/[\\%_]/g, '\\$&')}%`;

/** Up to `limit` events after `after` (exclusive), in position order; `limit` null reads them all. */
export async function readAllPage(pool: pg.Pool, after: bigint, limit: number | null, prefixes?: readonly string[]): Promise<AllPage> {
  const { rows } = await pool.query<PageRow>({
    ...READ_ALL_PAGE,
    values: [String(after), limit, prefixes ? prefixes.map(likePrefix) : null],
  });
  const stableBelow = BigInt(rows[0].stable_below);
  const events = rows.flatMap((row) => (row.position === null ? [] : [toRecordedEvent(row as EventRow)]));
  const full = limit !== null && events.length === limit;
  return {
    events,
    complete: full ? events[events.length - 1].position : stableBelow - 1n,
    pending: rows[0].head !== null && BigInt(rows[0].head) >= stableBelow,
    head: rows[0].head === null ? undefined : BigInt(rows[0].head),
  };
}

/**
 * `scanAll`'s read: every committed row after `after` (exclusive) of streams with `prefixes` and of
 * `types`, settled or not, found through `events_type_position_idx` (an unnamed statement, planned
 * with its types each time), with the settled bound from the same snapshot.
 */
const SCAN_COMMITTED = `
    SELECT snapshot.stable_below, found.*
    FROM (SELECT ${STABLE_BELOW}) snapshot
    LEFT JOIN LATERAL (
      SELECT ${EVENT_COLUMNS} FROM events
      WHERE position > $1 AND stream NOT LIKE '$%' AND stream LIKE ANY ($2::text[]) AND type = ANY ($3::text[])
      ORDER BY position
    ) found ON true`;

/**
 * The events after `after` of streams with `prefixes` and of `types` that had committed when the
 * read ran, whatever transactions are still running (a decision must see every event committed
 * before it), and `settled`: no event at or below it can commit later, as a running transaction's
 * can above it. No wait, unlike `$all`'s pages.
 */
export async function scanCommitted(pool: pg.Pool, after: bigint, prefixes: readonly string[], types: readonly string[]): Promise<{ events: RecordedEvent[]; settled: bigint }> {
  const { rows } = await pool.query<PageRow>(SCAN_COMMITTED, [String(after), prefixes.map(likePrefix), types]);
  return { events: rows.flatMap((row) => (row.position === null ? [] : [toRecordedEvent(row as EventRow)])), settled: BigInt(rows[0].stable_below) - 1n };
}
