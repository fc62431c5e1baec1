import type { EntityManager } from 'typeorm';
import { canonicalJson, sha256 } from '../../../event-store/envelope.js';
import { INCIDENT_STREAM_PREFIX } from '../../../event-store/stream-names.js';
import { notQuarantined } from '../../../projections/quarantine.js';
import type { SourceDirectory } from '../../../sources/domain/source-directory.js';
import { HOSTAGE_COUNTS } from '../../domain/tally.js';
import type { GroupBy } from '../../domain/tally-groups.js';
import { BEST_COLUMNS } from '../incident-figures/incident-figure.rows.js';
import type { FigureTables } from '../incident-summary/figure-tables.js';
import { BEST_POLICIES } from '../../domain/best-policy.js';
import { versionTables } from './as-of-relations.js';

/** The tables a checkpoint's sums are kept in, by kind, after `tally_checkpoints` (one row per checkpoint). */
export const TALLY_CHECKPOINT_TABLES = ['tally_checkpoints', 'tally_checkpoint_incidents', 'tally_checkpoint_casualties', 'tally_checkpoint_sources', 'tally_checkpoint_hostages'];

/** The casualty columns a checkpoint sums: every policy's `best`, `low` and `high`. */
const CHECKPOINT_BESTS = [...new Set([...Object.values(BEST_COLUMNS), 'low', 'high'])];

/** The cells of a checkpoint: what its sums are grouped by besides outcome, party and source. */
export const CELL = ['country', 'admin1', 'month'] as const;

/** The grouping by each column of the cell. */
export const CELL_GROUPINGS = { country: 'COUNTRY', admin1: 'ADMIN1', month: 'MONTH' } as const satisfies Record<(typeof CELL)[number], GroupBy>;

/** The groupings a checkpoint answers: those the cells and their parties hold. */
export const SERVED_GROUPINGS: ReadonlySet<GroupBy> = new Set([...Object.values(CELL_GROUPINGS), 'PARTY']);

/** A fingerprint of the source registry: sums made with one registry hold with another only if it is the same. */
export const registryMark = (directory: SourceDirectory): string =>
  sha256(canonicalJson([...directory.sources].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))));

/** A fingerprint of the incidents `projection` holds back by a quarantine, in SQL (lists and tallies leave them out). */
export const quarantineMark = (projection: string) =>
  `(SELECT md5(coalesce(string_agg(stream, ' ' ORDER BY stream), '')) FROM projection_quarantine WHERE projection = '${projection}' AND stream LIKE '${INCIDENT_STREAM_PREFIX}%')`;

/**
 * The `party` of a checkpoint's incidents row that counts the incidents with no casualty or hostage
 * figure (PARTY groups them with no party); `NULL` there counts every incident (no PARTY).
 */
export const NO_PARTY = '';

/**
 * The sums `sumsOf` needs, per cell of the counted incidents of `tables` (not merged, not
 * quarantined), in SQL, per kind: incidents and seizures (alone, and per party with casualty or
 * hostage figures, or `NO_PARTY`, as PARTY groups them), casualty figures (`bests` of them), each spelling's
 * source figures, hostages; each with `figures`, the rows summed, so that sums that subtract
 * others know which groups are left. `members` names the incidents' relation the SQL reads (`membersOf`).
 */
export function cellSums(tables: FigureTables, members: string, bests: readonly string[]): Record<Kind, string> {
  const cell = CELL.map((column) => `m.${column}`).join(', ');
  const figures = (table: string, columns: readonly string[], summed: readonly string[]) =>
    `SELECT ${cell}, ${columns.map((column) => `f.${column}`).join(', ')}, count(*) AS figures, ${summed.map((column) => `sum(f.${column}) AS ${column}`).join(', ')}
     FROM ${members} m JOIN ${table} f USING (incident_id) GROUP BY ${cell}, ${columns.map((column) => `f.${column}`).join(', ')}`;
  const seized = 'count(*) AS incidents, sum(m.vehicles_seized) AS vehicles, sum(m.weapons_seized) AS weapons, sum(m.arrests) AS arrests';
  return {
    incidents: `SELECT ${cell}, NULL::text AS party, ${seized} FROM ${members} m GROUP BY ${cell}
      UNION ALL SELECT ${cell}, coalesce(p.party, '${NO_PARTY}') AS party, ${seized} FROM ${members} m
        LEFT JOIN (SELECT incident_id, party FROM ${tables.casualties} UNION SELECT incident_id, party FROM ${tables.hostages}) p USING (incident_id)
        GROUP BY ${cell}, coalesce(p.party, '${NO_PARTY}')`,
    casualties: figures(tables.casualties, KINDS.casualties.keys, bests),
    sources: figures(tables.sources, KINDS.sources.keys, ['figure']),
    hostages: figures(tables.hostages, KINDS.hostages.keys, HOSTAGE_COUNTS),
  };
}

/** The `grain` of the rollup that keeps the cell's `kept` columns (and no other), as `GROUPING` numbers it: a bit per column rolled up, the first the highest. */
export const grainOf = (kept: ReadonlySet<(typeof CELL)[number]>): number => CELL.reduce((grain, column) => grain * 2 + (kept.has(column) ? 0 : 1), 0);

/** The incidents of `summaries` tallies count (not merged, not quarantined by `projection`) with their cell, as `cellSums` reads them. */
export const membersOf = (summaries: string, projection: string) =>
  `SELECT t.incident_id, t.country, t.admin1, to_char(t.occurred_on, 'YYYY-MM') AS month, t.vehicles_seized, t.weapons_seized, t.arrests FROM ${summaries} t
   WHERE t.merged_into IS NULL AND ${notQuarantined(projection, INCIDENT_STREAM_PREFIX, 't.incident_id')}`;

/** Each kind's columns after the cell, as its checkpoint table has them: what tells its rows apart, and what is summed. */
export const KINDS = {
  incidents: { keys: ['party'], sums: ['incidents', 'vehicles', 'weapons', 'arrests'] },
  casualties: { keys: ['outcome', 'party'], sums: ['figures', ...CHECKPOINT_BESTS] },
  sources: { keys: ['outcome', 'party', 'source_key', 'source'], sums: ['figures', 'figure'] },
  hostages: { keys: ['party'], sums: ['figures', ...HOSTAGE_COUNTS] },
} as const satisfies Record<string, { keys: readonly string[]; sums: readonly string[] }>;
export type Kind = keyof typeof KINDS;

/**
 * A checkpoint's rows of `kind` at every grain, in SQL, from its cells (`cells`: SQL of the grain-0
 * rows, columns as `KINDS` orders them after the cell): `grain` (as SQL's `GROUPING` numbers the
 * rolled-up cell columns), the cell, the keys and the sums, the cells themselves at grain 0.
 */
export function grainsOf(kind: Kind, cells: string): string {
  const { keys, sums } = KINDS[kind];
  const cell = CELL.join(', ');
  return `SELECT GROUPING(${cell}) AS grain, ${[...CELL, ...keys].join(', ')}, ${sums.map((column) => `sum(${column}) AS ${column}`).join(', ')}
    FROM (${cells}) c GROUP BY CUBE (${cell}), ${keys.join(', ')}`;
}

/** The temporary tables of every incident's versions at a checkpoint's position. */
const HELD: FigureTables = { summaries: 'held_summaries', casualties: 'held_casualties', sources: 'held_sources', hostages: 'held_hostages' };

/** The incidents that existed at a checkpoint's position (`$1`). */
const HELD_INCIDENTS = 'SELECT incident_id FROM temporal_incidents WHERE valid_from <= $1 AND valid_to > $1';

/**
 * The cells (grain 0) of a tally checkpoint at `position`, per kind, in SQL reading the `members`
 * CTE (`checkpointMembers`): built from the temporal versions of every incident that held then
 * (`versionTables`, with `directory`, the registry as of `position`, under every policy), so a
 * checkpoint can be made at any position the projection has passed; survivors of merges known then
 * count their merged incidents' records. Creates temporary
 * tables (dropped at commit, or by the next call), so `manager` must be a transaction's.
 */
export async function checkpointCells(manager: EntityManager, position: bigint, directory: SourceDirectory): Promise<Record<Kind, string>> {
  await manager.query(`DROP TABLE IF EXISTS ${Object.values(HELD).join(', ')}`);
  await manager.query(`SET LOCAL work_mem = '64MB'`);
  await versionTables(manager, position, { directory }, HELD_INCIDENTS, HELD, BEST_POLICIES);
  return cellSums(HELD, 'members', CHECKPOINT_BESTS);
}

/** The `members` CTE `checkpointCells`' SQL reads, for `projection`'s quarantine. */
export const checkpointMembers = (projection: string) => `members AS MATERIALIZED (${membersOf(HELD.summaries, projection)})`;

/**
 * Writes a tally checkpoint at `position` (`checkpointCells`) with the registry (`directory`, as of
 * `position`) and the quarantine (`projection`'s, as `manager`'s transaction sees it) it was made
 * with, and every rollup of the cells (`grain`).
 */
export async function writeTallyCheckpoint(manager: EntityManager, projection: string, position: bigint, directory: SourceDirectory): Promise<void> {
  const sums = await checkpointCells(manager, position, directory);
  const kinds = Object.entries(KINDS) as [Kind, (typeof KINDS)[Kind]][];
  const cells = kinds.map(
    ([kind, { keys, sums: summed }]) =>
      `${kind} AS (INSERT INTO tally_checkpoint_${kind} (position, grain, ${[...CELL, ...keys, ...summed].join(', ')}) SELECT $1, 0, * FROM (${sums[kind]}) c)`,
  );
  await manager.query(
    `WITH ${checkpointMembers(projection)}, ${cells.join(', ')}
     INSERT INTO tally_checkpoints (position, registry, quarantine) VALUES ($1, $2, ${quarantineMark(projection)})`,
    [position.toString(), registryMark(directory)],
  );
  // The rollups, from the cells just written (a few thousand rows), not from the figure rows again.
  for (const [kind, { keys, sums: summed }] of kinds) {
    const written = `SELECT ${[...CELL, ...keys, ...summed].join(', ')} FROM tally_checkpoint_${kind} WHERE position = $1 AND grain = 0`;
    await manager.query(
      `INSERT INTO tally_checkpoint_${kind} (position, grain, ${[...CELL, ...keys, ...summed].join(', ')})
       SELECT $1, * FROM (${grainsOf(kind, written)}) g WHERE grain > 0`,
      [position.toString()],
    );
  }
}

/**
 * Deletes the tally checkpoints made with another quarantine of `projection`'s than today's (an
 * incident held back or released since): they are never read (`checkpointedGroups`), so they
 * are made again after. Returns how many it deleted.
 */
export async function deleteStaleCheckpoints(manager: EntityManager, projection: string): Promise<number> {
  const kinds = Object.keys(KINDS).map((kind) => `${kind} AS (DELETE FROM tally_checkpoint_${kind} WHERE position IN (SELECT position FROM stale))`);
  const [{ deleted }] = (await manager.query(
    `WITH stale AS (DELETE FROM tally_checkpoints WHERE quarantine <> ${quarantineMark(projection)} RETURNING position), ${kinds.join(', ')}
     SELECT count(*)::int AS deleted FROM stale`,
  )) as { deleted: number }[];
  return deleted;
}
