import type { EntityManager } from 'typeorm';
import { snapshotTable, VERSIONS, type VersionTable } from './temporal.rows.js';

/** The fewest deltas between two snapshots, by default (docs/temporal.md, "Snapshots"). */
export const SNAPSHOT_SPACING = 1000;

const TABLES = Object.keys(VERSIONS) as VersionTable[];
/** A version table's key columns, `incident_id` first (its primary key without `valid_from`). */
const keyOf = (table: VersionTable): readonly string[] => VERSIONS[table].upsert!.key.slice(0, -1);
/** A version table's key and value columns: what a snapshot row holds besides `at`. */
const columnsOf = (table: VersionTable): readonly string[] => [...keyOf(table), ...VERSIONS[table].upsert!.update];

/** Every delta's position after `after` (an SQL expression): the versions opened and the figures removed. */
const deltasAfter = (after: string): string =>
  [...TABLES.map((table) => `SELECT valid_from AS position FROM ${table} WHERE valid_from > ${after}`), `SELECT position FROM temporal_removals WHERE position > ${after}`].join(' UNION ALL ');

/**
 * SQL: the rows of `table` (its key and values, no range) that held at position `at`, read from the
 * snapshot at `since` (the latest at or before `at`; -1 when there is none, whose snapshot is empty)
 * and the deltas in `(since, at]`: the versions opened then that still held at `at`, and the
 * snapshot's rows whose figure no delta touched. `since` and `at` are SQL expressions (parameters).
 * The versions are found by `valid_from` (BRIN), so the read costs the snapshot and the window, not
 * the history before it.
 */
export function heldAt(table: VersionTable, since: string, at: string): string {
  const key = keyOf(table);
  const columns = columnsOf(table);
  const inWindow = (column: string) => `${column} > ${since} AND ${column} <= ${at}`;
  const sameFigure = (alias: string) => key.map((column) => `${alias}.${column} = s.${column}`).join(' AND ');
  return `SELECT ${columns.map((column) => `t.${column}`).join(', ')} FROM ${table} t WHERE ${inWindow('t.valid_from')} AND t.valid_to > ${at}
    UNION ALL
    SELECT ${columns.map((column) => `s.${column}`).join(', ')} FROM ${snapshotTable(table)} s WHERE s.at = ${since}
      AND NOT EXISTS (SELECT FROM ${table} t WHERE ${inWindow('t.valid_from')} AND ${sameFigure('t')})
      AND NOT EXISTS (SELECT FROM temporal_removals t WHERE ${inWindow('t.position')} AND t.table_name = '${table}' AND ${sameFigure('t')})`;
}

/** The position of the latest snapshot at or before `at`, -1 when there is none (the parameter `heldAt`'s `since` takes). */
export async function snapshotBefore(manager: EntityManager, at: bigint): Promise<string> {
  const [{ since }] = (await manager.query('SELECT coalesce(max(at), -1)::text AS since FROM temporal_snapshots WHERE at <= $1', [at.toString()])) as { since: string }[];
  return since;
}

type Latest = { at: string; rows: number; deltas: number };

/**
 * Snapshots of the version tables, so that "as of P" reads one snapshot and the deltas after it
 * (`heldAt`), not every version before P. A delta is a version opened or a figure removed. Snapshot
 * k is taken at the position of the N-th delta after snapshot k-1, N being the larger of `spacing`
 * and snapshot k-1's rows (so snapshots take about as much room as the deltas, and a read touches
 * at most about twice the rows that held), and is computed in SQL from snapshot k-1 and the deltas
 * up to it. The positions and rows depend only on the events, not on how they were batched: the
 * live projection, `rebuild` and `verify`'s replay write the same.
 */
export class TemporalSnapshots {
  /** The latest snapshot and the deltas after it, read from the tables when the writer first writes. */
  private latest: Latest | undefined;

  constructor(private readonly spacing: number) {}

  /** After a batch wrote `deltas` deltas (in `manager`'s transaction): takes every snapshot they complete. */
  async advance(manager: EntityManager, deltas: number): Promise<void> {
    if (this.latest === undefined) this.latest = await latestSnapshot(manager);
    else this.latest.deltas += deltas;
    while (this.latest.deltas >= Math.max(this.spacing, this.latest.rows)) {
      const [{ at }] = (await manager.query(`SELECT position::text AS at FROM (${deltasAfter('$1::bigint')}) d ORDER BY position OFFSET $2 LIMIT 1`, [
        this.latest.at,
        Math.max(this.spacing, this.latest.rows) - 1,
      ])) as { at: string }[];
      let rows = 0;
      for (const table of TABLES) {
        const columns = columnsOf(table).join(', ');
        const [{ count }] = (await manager.query(
          `WITH taken AS (INSERT INTO ${snapshotTable(table)} (at, ${columns}) SELECT $2::bigint, ${columns} FROM (${heldAt(table, '$1::bigint', '$2::bigint')}) h RETURNING 1) SELECT count(*)::int AS count FROM taken`,
          [this.latest.at, at],
        )) as { count: number }[];
        rows += count;
      }
      await manager.query('INSERT INTO temporal_snapshots (at, rows) VALUES ($1, $2)', [at, rows]);
      this.latest = { at, rows, deltas: await deltasSince(manager, at) };
    }
  }
}

async function latestSnapshot(manager: EntityManager): Promise<Latest> {
  const [last] = (await manager.query('SELECT at::text, rows::int FROM temporal_snapshots ORDER BY at DESC LIMIT 1')) as { at: string; rows: number }[];
  const at = last?.at ?? '-1';
  return { at, rows: last?.rows ?? 0, deltas: await deltasSince(manager, at) };
}

async function deltasSince(manager: EntityManager, at: string): Promise<number> {
  const [{ count }] = (await manager.query(`SELECT count(*)::int AS count FROM (${deltasAfter('$1::bigint')}) d`, [at])) as { count: number }[];
  return count;
}
