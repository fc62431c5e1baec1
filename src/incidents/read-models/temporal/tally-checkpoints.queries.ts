import type { EntityManager } from 'typeorm';
import type { JsonObject } from '../../../event-store/event-store.port.js';
import { emptyDirectory, type SourceDirectory } from '../../../sources/domain/source-directory.js';
import { DEFAULT_BEST_POLICY } from '../../domain/best-policy.js';
import type { IncidentFilter } from '../../domain/incident-filter.js';
import { HOSTAGE_COUNTS, type TallyView } from '../../domain/tally.js';
import type { GroupBy, TallyGroup } from '../../domain/tally-groups.js';
import { BEST_COLUMNS } from '../incident-figures/incident-figure.rows.js';
import type { FigureTables } from '../incident-summary/figure-tables.js';
import { namedGroups, type Sums } from '../incident-summary/tally-groups.queries.js';
import { INCIDENTS_PROJECTION } from '../incidents.projection.js';
import { survivorsAmong, versionTables } from './as-of-relations.js';
import { CELL, CELL_GROUPINGS, cellSums, checkpointCells, checkpointMembers, grainOf, grainsOf, type Kind, KINDS, membersOf, NO_PARTY, quarantineMark, registryMark, SERVED_GROUPINGS } from './tally-checkpoint.rows.js';

/** The temporary tables of the changed incidents' versions at the checkpoint and at the cut. */
const AT_CHECKPOINT: FigureTables = { summaries: 'checkpoint_summaries', casualties: 'checkpoint_casualties', sources: 'checkpoint_sources', hostages: 'checkpoint_hostages' };
const AT_CUT: FigureTables = { summaries: 'cut_summaries', casualties: 'cut_casualties', sources: 'cut_sources', hostages: 'cut_hostages' };

/**
 * Tallies across incidents as of `cut` from the nearest tally checkpoint (before or after it) made
 * with the cut's registry (`registryMark` of `view.directory`) and today's quarantine: its sums,
 * less what the incidents changed between the two (a record change, or a version of the incident,
 * in `(earlier, later]`) added to them at the checkpoint, plus what they add at the cut, each built
 * from the temporal versions (`versionTables`) with `view`. So the cost follows the incidents
 * changed between the checkpoint and the cut and the cells, not all incidents.
 *
 * A survivor of merges counts its merged incidents' records (docs/merge.md): when one of them
 * changed, or was merged, between the two, the survivor (at either) is changed too, and its tallies
 * at both count what was merged into it (`versionTables`).
 *
 * `undefined` when the sums cannot answer (the caller reads the temporal rows of every incident):
 * a filter or grouping the cells do not hold (only COUNTRY, ADMIN1, MONTH, PARTY, `country`,
 * `admin1`), or no such checkpoint. `manager` must be a transaction's (the temporary tables drop at commit).
 */
export async function checkpointedGroups(manager: EntityManager, cut: bigint, view: TallyView, filter: IncidentFilter, groupBy: readonly GroupBy[]): Promise<TallyGroup[] | undefined> {
  const { country, admin1, ...others } = filter;
  if (Object.values(others).some((value) => value !== undefined) || groupBy.some((by) => !SERVED_GROUPINGS.has(by))) return undefined;
  const [checkpoint] = (await manager.query(
    `SELECT position FROM tally_checkpoints WHERE registry = $2 AND quarantine = ${quarantineMark(INCIDENTS_PROJECTION)} ORDER BY abs(position - $1) LIMIT 1`,
    [cut.toString(), registryMark(view.directory ?? emptyDirectory)],
  )) as { position: string }[];
  if (checkpoint === undefined) return undefined;
  const since = BigInt(checkpoint.position);
  const [earlier, later] = since < cut ? [since, cut] : [cut, since];
  await manager.query(`SET LOCAL work_mem = '64MB'`);
  // The changed incidents are few next to all: their versions are read by probes of the primary
  // keys (which lead with `incident_id`), incident by incident, not by reading the version tables
  // through (the planner, which cannot count them, would hash or merge-join every version).
  const joins = (enabled: 'on' | 'off') => manager.query(`SET LOCAL enable_seqscan = ${enabled}; SET LOCAL enable_hashjoin = ${enabled}; SET LOCAL enable_mergejoin = ${enabled}`);
  await joins('off');
  await manager.query(
    `CREATE TEMPORARY TABLE changed_incidents ON COMMIT DROP AS
     SELECT incident_id FROM temporal_record_changes WHERE position > $1 AND position <= $2
     UNION SELECT incident_id FROM temporal_incidents WHERE valid_from > $1 AND valid_from <= $2`,
    [earlier.toString(), later.toString()],
  );
  const changed = 'SELECT incident_id FROM changed_incidents';
  // The same incidents at both: a survivor at either of a changed incident.
  const survivors = [...(await survivorsAmong(manager, earlier, changed)).keys(), ...(await survivorsAmong(manager, later, changed)).keys()];
  await manager.query('INSERT INTO changed_incidents SELECT unnest($1::uuid[]) EXCEPT SELECT incident_id FROM changed_incidents', [survivors]);
  await versionTables(manager, since, view, changed, AT_CHECKPOINT);
  await versionTables(manager, cut, view, changed, AT_CUT);
  await joins('on');
  const best = BEST_COLUMNS[view.policy ?? DEFAULT_BEST_POLICY];
  const bests = [...new Set([best, 'low', 'high'])];
  const [before, after] = [cellSums(AT_CHECKPOINT, 'checkpoint_members', bests), cellSums(AT_CUT, 'cut_members', bests)];
  const by = new Set(groupBy);
  // The rollup of the cells that keeps the columns grouped or filtered by (the changed incidents' cells are rolled up as they are read).
  const kept = new Set(CELL.filter((column) => by.has(CELL_GROUPINGS[column]) || (column !== 'month' && filter[column] !== undefined)));
  const cell = CELL.map((column) => (kept.has(column) ? column : `NULL AS ${column}`)).join(', ');
  /** A kind's rows with `sign`: the checkpoint's and the changed incidents' at the cut add, theirs at the checkpoint subtract; `columns` after the cell. */
  const signed = (kind: Kind, columns: readonly string[] = [...KINDS[kind].keys, ...KINDS[kind].sums]) =>
    `SELECT 1 AS sign, ${CELL.join(', ')}, ${columns.join(', ')} FROM tally_checkpoint_${kind} WHERE position = ${since} AND grain = ${grainOf(kept)}
      UNION ALL SELECT -1, ${cell}, ${columns.join(', ')} FROM (${before[kind]}) b UNION ALL SELECT 1, ${cell}, ${columns.join(', ')} FROM (${after[kind]}) a`;
  const key = (party: string) =>
    `${by.has('COUNTRY') ? 'country' : 'NULL'} AS key_country, ${by.has('ADMIN1') ? 'admin1' : 'NULL'} AS key_admin1, ${by.has('MONTH') ? 'month' : 'NULL'} AS key_month,
     ${by.has('PARTY') ? party : 'NULL'} AS key_party, NULL AS key_actor, NULL AS key_day`;
  const keyColumns = (columns: readonly string[]) =>
    [...CELL.filter((column) => by.has(CELL_GROUPINGS[column])), ...columns].join(', ') || '()';
  const asked = Object.entries({ country: country?.toUpperCase(), admin1 }).filter((condition): condition is [string, string] => condition[1] !== undefined);
  const where = asked.map(([column], n) => `${column} = $${n + 1}`);
  const inFilter = (rows: string) => `(SELECT * FROM (${rows}) r${where.length > 0 ? ` WHERE ${where.join(' AND ')}` : ''})`;
  const sum = (columns: readonly string[]) => columns.map((column) => `sum(sign * ${column}) AS ${column}`).join(', ');
  const parts: Readonly<Record<keyof Sums, string>> = {
    groups: `SELECT ${key(`nullif(party, '${NO_PARTY}')`)}, ${sum(['incidents', 'vehicles', 'weapons', 'arrests'])} FROM ${inFilter(signed('incidents'))} s
      WHERE party IS ${by.has('PARTY') ? 'NOT ' : ''}NULL GROUP BY ${keyColumns(by.has('PARTY') ? ['party'] : [])} HAVING sum(sign * incidents) > 0`,
    casualties: `SELECT ${key('party')}, outcome, party, sum(sign * best) AS best, ${sum(['low', 'high'])}
      FROM ${inFilter(signed('casualties', ['outcome', 'party', 'figures', `${best} AS best`, 'low', 'high']))} s GROUP BY ${keyColumns(['outcome', 'party'])} HAVING sum(sign * figures) > 0`,
    // A source by its `sourceKey`, shown by the spelling still counted that sorts first by code point, as `sumsOf` does.
    sources: `SELECT ${key('party')}, outcome, party, source_key, min(source COLLATE "C") AS source, sum(figure) AS figure FROM (
        SELECT ${CELL.join(', ')}, outcome, party, source_key, source, ${sum(['figure'])} FROM ${inFilter(signed('sources'))} s
        GROUP BY ${CELL.join(', ')}, outcome, party, source_key, source HAVING sum(sign * figures) > 0) s
      GROUP BY ${keyColumns(['outcome', 'party', 'source_key'])}`,
    hostages: `SELECT ${key('party')}, party, ${sum(HOSTAGE_COUNTS)} FROM ${inFilter(signed('hostages'))} s
      GROUP BY ${keyColumns(['party'])} HAVING sum(sign * figures) > 0`,
  };
  const [sums] = (await manager.query(
    `WITH checkpoint_members AS MATERIALIZED (${membersOf(AT_CHECKPOINT.summaries, INCIDENTS_PROJECTION)}), cut_members AS MATERIALIZED (${membersOf(AT_CUT.summaries, INCIDENTS_PROJECTION)})
     SELECT ${Object.entries(parts).map(([name, sql]) => `(SELECT coalesce(json_agg(r), '[]') FROM (${sql}) r) AS ${name}`).join(', ')}`,
    asked.map(([, value]) => value),
  )) as Sums[];
  return namedGroups(sums);
}

/** A checkpoint's rows of one kind that differ from what `tallyCheckpointDifferences` recomputes: `stored` the checkpoint's, else the recomputed ones. */
export interface CheckpointDifference {
  readonly table: string;
  readonly position: string;
  readonly stored: boolean;
  readonly row: JsonObject;
}

/**
 * Recomputes the rows (every grain) of every tally checkpoint in `schema` made with today's quarantine
 * (the others are not read) from the temporal versions that held at its position, with the
 * registry as of it (`directoryAt`), as they are made (`checkpointCells`, `grainsOf`), and lists the rows that
 * differ (at most `limit` per checkpoint and kind), a registry mark that is not the registry's as of
 * the checkpoint, and the rows of no checkpoint (at most `limit` per kind). `verify` runs it on the
 * replayed versions.
 * `manager` must be a transaction's.
 */
export async function tallyCheckpointDifferences(manager: EntityManager, schema: string, directoryAt: (position: bigint) => Promise<SourceDirectory>, limit: number): Promise<CheckpointDifference[]> {
  const checkpoints = (await manager.query(`SELECT position, registry FROM "${schema}".tally_checkpoints WHERE quarantine = ${quarantineMark(INCIDENTS_PROJECTION)} ORDER BY position`)) as {
    position: string;
    registry: string;
  }[];
  const differences: CheckpointDifference[] = [];
  for (const { position, registry } of checkpoints) {
    const directory = await directoryAt(BigInt(position));
    // Reads pick a checkpoint by this mark: one made with another registry would answer for the cut's.
    if (registry !== registryMark(directory)) differences.push({ table: 'tally_checkpoints', position, stored: true, row: { registry } });
    const cells = await checkpointCells(manager, BigInt(position), directory);
    for (const [kind, { keys, sums }] of Object.entries(KINDS) as [Kind, (typeof KINDS)[Kind]][]) {
      const named = [...CELL, ...keys, ...sums].join(', ');
      // Every grain: the rollups are what most answers read.
      const stored = `SELECT grain, ${named} FROM "${schema}".tally_checkpoint_${kind} WHERE position = $1`;
      const recomputed = `SELECT * FROM (${grainsOf(kind, `SELECT ${named} FROM (${cells[kind]}) r`)}) g`;
      const rows = (await manager.query(
        `WITH ${checkpointMembers(INCIDENTS_PROJECTION)}
         (SELECT true AS stored, to_jsonb(d) AS row FROM (${stored} EXCEPT ALL ${recomputed}) d LIMIT $2)
         UNION ALL (SELECT false, to_jsonb(d) FROM (${recomputed} EXCEPT ALL ${stored}) d LIMIT $2)`,
        [position, limit],
      )) as { stored: boolean; row: JsonObject }[];
      differences.push(...rows.map(({ stored, row }) => ({ table: `tally_checkpoint_${kind}`, position, stored, row })));
    }
  }
  // Rows of no checkpoint: no read finds them, and the projection never leaves any.
  for (const kind of Object.keys(KINDS)) {
    const rows = (await manager.query(
      `SELECT r.position, to_jsonb(r) AS row FROM "${schema}".tally_checkpoint_${kind} r
       WHERE NOT EXISTS (SELECT FROM "${schema}".tally_checkpoints c WHERE c.position = r.position) LIMIT $1`,
      [limit],
    )) as { position: string; row: JsonObject }[];
    differences.push(...rows.map(({ position, row }) => ({ table: `tally_checkpoint_${kind}`, position, stored: true, row })));
  }
  return differences;
}
