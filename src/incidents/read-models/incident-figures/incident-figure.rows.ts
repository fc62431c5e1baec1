import type { EntityManager } from 'typeorm';
import { type BulkWrite, copyRows, deleteRows, writeRows } from '../../../projections/bulk-write.js';
import { OUTCOMES } from '../../domain/events.js';
import { sourceKey } from '../../../sources/domain/source-key.js';
import type { BestPolicy } from '../../domain/best-policy.js';
import { type Attribution, casualtyKey } from '../../domain/attribution.js';
import { HOSTAGE_COUNTS, type Tally } from '../../domain/tally.js';

const CASUALTY_FIGURES: BulkWrite = {
  table: 'incident_casualty_figures',
  columns: {
    incident_id: 'uuid', outcome: 'text', party: 'text', best: 'bigint', low: 'bigint', high: 'bigint',
    best_most_reliable: 'bigint', best_median: 'bigint', perpetrator_actor_id: 'uuid',
  },
  upsert: { key: ['incident_id', 'outcome', 'party'], update: ['best', 'low', 'high', 'best_most_reliable', 'best_median', 'perpetrator_actor_id'] },
};
const SOURCE_FIGURES: BulkWrite = {
  table: 'incident_source_figures',
  columns: { incident_id: 'uuid', outcome: 'text', party: 'text', source: 'text', source_key: 'text', figure: 'bigint', perpetrator_actor_id: 'uuid' },
  upsert: { key: ['incident_id', 'outcome', 'party', 'source'], update: ['source_key', 'figure', 'perpetrator_actor_id'] },
};
const HOSTAGES: BulkWrite = {
  table: 'incident_hostages',
  columns: { incident_id: 'uuid', party: 'text', ...Object.fromEntries(HOSTAGE_COUNTS.map((count) => [count, 'bigint'])), perpetrator_actor_id: 'uuid' },
  upsert: { key: ['incident_id', 'party'], update: [...HOSTAGE_COUNTS, 'perpetrator_actor_id'] },
};
const FIGURES = [CASUALTY_FIGURES, SOURCE_FIGURES, HOSTAGES];

export const FIGURE_TABLES = FIGURES.map(({ table }) => table);

type Row = Readonly<Record<string, unknown>>;
type FigureRow = { readonly write: BulkWrite; readonly row: Row; readonly values: string };

/** An incident's figure rows by table and primary key, with their updated values joined to tell a changed row. */
export type FigureRows = ReadonlyMap<string, FigureRow>;

/**
 * The best-figure policies' column in `incident_casualty_figures` (`CONSERVATIVE` is `low`): the
 * sums across incidents under a policy add up this column.
 */
export const BEST_COLUMNS: Readonly<Record<BestPolicy, string>> = { LATEST: 'best', MOST_RELIABLE: 'best_most_reliable', CONSERVATIVE: 'low', MEDIAN: 'best_median' };

/**
 * The figure rows of an incident's tallies, row for row: the tallies (computed by the domain, one
 * per policy, the `LATEST` one giving every figure but the other policies' `best`) are the only
 * source of the numbers, the domain's attribution of their perpetrators. A source row keeps its
 * `sourceKey`, by which sums across incidents group.
 */
export function figureRowsOf(incidentId: string, tallies: Readonly<Record<BestPolicy, Tally>>, attribution: Attribution): FigureRows {
  const tally = tallies.LATEST;
  const rows = new Map<string, FigureRow>();
  // Keys and values as plain joins, not JSON: this runs for every figure row of every touched incident.
  // Key parts are uuids, enum names and source names (no NUL); the updated columns are all numbers.
  const add = (write: BulkWrite, row: Row) => rows.set(`${write.table}\0${joined(row, write.upsert!.key, '\0')}`, { write, row, values: joined(row, write.upsert!.update, ',') });
  for (const outcome of OUTCOMES) {
    tally[outcome].byParty.forEach(({ party, best, low, high, sources }, i) => {
      const bestUnder = (policy: BestPolicy) => tallies[policy][outcome].byParty[i].best;
      const perpetrator_actor_id = attribution.casualties.get(casualtyKey(outcome, party)) ?? null;
      add(CASUALTY_FIGURES, {
        incident_id: incidentId, outcome, party, best, low, high, best_most_reliable: bestUnder('MOST_RELIABLE'), best_median: bestUnder('MEDIAN'), perpetrator_actor_id,
      });
      for (const { name, figure } of sources) add(SOURCE_FIGURES, { incident_id: incidentId, outcome, party, source: name, source_key: sourceKey(name), figure, perpetrator_actor_id });
    });
  }
  for (const hostages of tally.hostages) add(HOSTAGES, { incident_id: incidentId, ...hostages, perpetrator_actor_id: attribution.hostages.get(hostages.party) ?? null });
  return rows;
}

/** `row`'s values of `names` joined as `Array.join` would, without the array (this runs for every figure row). */
function joined(row: Row, names: readonly string[], separator: string): string {
  let text = `${row[names[0]] ?? ''}`;
  for (let i = 1; i < names.length; i++) text += `${separator}${row[names[i]] ?? ''}`;
  return text;
}

/** An incident's new figure rows, and those last written for it (`undefined`: not known, so all are replaced). */
export interface FigureChange {
  readonly incidentId: string;
  readonly before: FigureRows | undefined;
  readonly after: FigureRows;
}

/**
 * Brings the figure rows of these incidents to `after`. Where the rows last written are known,
 * only the rows that differ are written: a casualty report moves one party's figure and one
 * source's, not the incident's dozens of rows.
 */
export async function writeFigures(manager: EntityManager, changes: readonly FigureChange[]): Promise<void> {
  const unknown = changes.filter(({ before }) => before === undefined).map(({ incidentId }) => incidentId);
  const writes = new Map(FIGURES.map((write) => [write, { added: [] as Row[], changed: [] as Row[], removed: [] as Row[] }]));
  for (const { before, after } of changes) {
    for (const [key, { write, row, values }] of after) {
      const old = before?.get(key);
      if (old === undefined) writes.get(write)!.added.push(row);
      else if (old.values !== values) writes.get(write)!.changed.push(row);
    }
    for (const [key, { write, row }] of before ?? []) if (!after.has(key)) writes.get(write)!.removed.push(row);
  }
  for (const [write, { added, changed, removed }] of writes) {
    if (unknown.length > 0) await manager.query(`DELETE FROM ${write.table} WHERE incident_id = ANY($1::uuid[])`, [unknown]);
    await deleteRows(manager, write, removed);
    await writeRows(manager, write, changed);
    await copyRows(manager, write, added);
  }
}
