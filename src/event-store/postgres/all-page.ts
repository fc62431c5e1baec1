import type pg from 'pg';
import type { RecordedEvent } from '../event-store.port.js';
import { EVENT_COLUMNS, toRecordedEvent, type EventRow } from './event-rows.js';

/**
 * Reads `$all` after a position, handing out only rows of transactions older than the oldest
 * transaction still running (`pg_snapshot_xmin`): those have all ended, and any later append gets a
 * larger xid, hence a larger position. So nothing can ever appear behind a position already handed
 * out, though concurrent appends commit out of order. (A plain bigserial read in value order skips
 * rows that commit late.) The snapshot bound and the read come from one statement, one snapshot.
 */
const readAllPageText = (typed: boolean) => `
    SELECT snapshot.stable_below, snapshot.head, page.*
    FROM (SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint << 16 AS stable_below,
                 (SELECT max(position) FROM events) AS head) snapshot
    LEFT JOIN LATERAL (
      SELECT ${EVENT_COLUMNS} FROM events
      WHERE position > $1 AND position < snapshot.stable_below AND stream NOT LIKE '$%'
        AND ($3::text[] IS NULL OR stream LIKE ANY ($3::text[]))${typed ? ' AND type = ANY ($4::text[])' : ''}
      ORDER BY position
      LIMIT $2
    ) page ON true`;
const READ_ALL_PAGE = { name: 'event-store.read-all-page', text: readAllPageText(false) };
/** Unnamed, so planned with its types each time: a few types are found through `events_type_position_idx`, not by reading `$all`. */
const READ_TYPED_PAGE = readAllPageText(true);

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

/** Up to `limit` events after `after` (exclusive), in position order, of streams with `prefixes` and of `types` when given; `limit` null reads them all. */
export async function readAllPage(pool: pg.Pool, after: bigint, limit: number | null, prefixes?: readonly string[], types?: readonly string[]): Promise<AllPage> {
  const values = [String(after), limit, prefixes ? prefixes.map(likePrefix) : null];
  const { rows } = await pool.query<PageRow>(types ? { text: READ_TYPED_PAGE, values: [...values, types] } : { ...READ_ALL_PAGE, values });
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
