import type { EntityManager } from 'typeorm';
import { type BulkWrite, writeRows } from '../../../projections/bulk-write.js';
import { attributionOf } from '../../domain/attribution.js';
import { mergedBySurvivor } from '../../domain/merged-ledger.js';
import type { RecordLedger } from '../../domain/record-ledger.js';
import { HOSTAGE_COUNTS, talliesByPolicy, type TallyView } from '../../domain/tally.js';
import { RELIABILITIES } from '../../../sources/domain/events.js';
import { emptyDirectory, resolveSource, type SourceDirectory } from '../../../sources/domain/source-directory.js';
import { type BestPolicy, DEFAULT_BEST_POLICY } from '../../domain/best-policy.js';
import { BEST_COLUMNS, figureRowsOf } from '../incident-figures/incident-figure.rows.js';
import { survivorLedgers } from './survivor-ledgers.js';
import type { FigureTables } from '../incident-summary/figure-tables.js';

/** The temporary tables `asOfRelations` creates: shaped as the incidents read model's tables `sumsOf` reads. */
const AS_OF_TABLES: FigureTables = { summaries: 'as_of_summaries', casualties: 'as_of_casualty_figures', sources: 'as_of_source_figures', hostages: 'as_of_hostages' };

/**
 * `bestOf` over a party's sources as a PostgreSQL aggregate: LATEST the source that reported last;
 * MOST_RELIABLE the best rated (unrated last), then the latest; CONSERVATIVE the lowest (`low`);
 * MEDIAN the lower median, the ⌈n/2⌉-th of n sorted.
 */
const BEST_OF: Readonly<Record<BestPolicy, string>> = {
  LATEST: '(array_agg(figure ORDER BY last_seq DESC))[1]',
  MOST_RELIABLE: '(array_agg(figure ORDER BY rank, last_seq DESC))[1]',
  CONSERVATIVE: 'min(figure)',
  MEDIAN: '(array_agg(figure ORDER BY figure))[(count(*) + 1) / 2]',
};

/** The summary columns `sumsOf` reads, as `incident_summaries` has them. */
const SUMMARY_COLUMNS = 'incident_id, merged_into, status, category, country, admin1, occurred_at, occurred_on, vehicles_seized, weapons_seized, arrests';

/**
 * The incidents read model's figure tables as of position `cut` (relations of the same shape, their
 * names or subqueries), in SQL, partly in temporary tables (`AS_OF_TABLES`, dropped at commit, so
 * `manager` must be a transaction's), so that tallies across incidents as of a cut are summed by
 * PostgreSQL as the current ones are (`summedGroups`), not folded per incident in Node.
 *
 * An incident whose summary `position` (its last event, or the last registry event that changed how
 * it counts its sources, or the last merge into it) is at or before the cut has not changed since:
 * its rows are the read model's own, read in place. Only the others that existed at the cut are
 * built from the temporal versions that held then, into the temporary tables, found through the
 * primary keys (which lead with `incident_id`). So the cost follows the incidents changed after the
 * cut (and the read model's rows for the rest), not the history before it.
 *
 * The spellings become sources with `directory` (the registry as of the cut), as `tallyOfParts`
 * does: a spelling whose `sourceKey` the registry owns is its source's; per source and (outcome,
 * party) the figure is that of the spelling that reported last; a source shows its registered name,
 * else the first name its first live record on the incident gave. Each party's `best` under the
 * view's policy (docs/sources.md, `BEST_OF`), `low` and `high` are aggregates over those sources. The property
 * tests (`temporal-property.suite.ts`, `temporal-sources.suite.ts`) hold them to the fold.
 *
 * A survivor of merges known at the cut counts the records of the incidents merged into it: its rows
 * are the domain's tallies of them (`versionTables`).
 */
export async function asOfRelations(manager: EntityManager, cut: bigint, view: TallyView): Promise<FigureTables> {
  const at = cut.toString();
  const policy = view.policy ?? DEFAULT_BEST_POLICY;
  // Enough memory to sort the changed incidents' figure rows in memory (the default spills them to disk).
  await manager.query(`SET LOCAL work_mem = '64MB'`);
  // The planner cannot count the rows of the relations below (unions of the read model's rows and
  // the versions') and would sort every figure row to merge-join them with the incidents; hashing
  // the incidents reads each figure row once.
  await manager.query('SET LOCAL enable_mergejoin = off');
  await versionTables(manager, cut, view, 'SELECT incident_id FROM incident_summaries WHERE position > $1', AS_OF_TABLES);
  /**
   * `AS_OF_TABLES`' `name` with the read model's rows of `table`, `columns` of both: those of the
   * incidents not built from the versions (the incidents opened after the cut have no summary as of
   * it, so their rows join no member).
   */
  const withUnchanged = (name: keyof FigureTables, table: string, columns: string) =>
    `(SELECT ${columns} FROM ${AS_OF_TABLES[name]} UNION ALL
      SELECT ${columns} FROM ${table} c WHERE NOT EXISTS (SELECT FROM ${AS_OF_TABLES.summaries} a WHERE a.incident_id = c.incident_id))`;
  return {
    // The cut is a bigint, written out: `sumsOf` numbers its own parameters.
    summaries: `(SELECT ${SUMMARY_COLUMNS} FROM ${AS_OF_TABLES.summaries} UNION ALL SELECT ${SUMMARY_COLUMNS} FROM incident_summaries WHERE position <= ${at})`,
    casualties: withUnchanged('casualties', 'incident_casualty_figures', `incident_id, outcome, party, ${policy === 'CONSERVATIVE' ? '' : `${BEST_COLUMNS[policy]}, `}low, high, perpetrator_actor_id`),
    sources: withUnchanged('sources', 'incident_source_figures', 'incident_id, outcome, party, source_key, source, figure, perpetrator_actor_id'),
    hostages: withUnchanged('hostages', 'incident_hostages', `incident_id, party, ${HOSTAGE_COUNTS.join(', ')}, perpetrator_actor_id`),
  };
}

/**
 * Builds `tables` (temporary tables, dropped at commit) from the temporal versions that held at
 * `cut` of the incidents `incidents` selects (SQL; `$1` is the cut), shaped as `sumsOf` reads the
 * read model's, their sources read with `view` as `asOfRelations` says, with the `best` column of
 * each of `policies` (the view's, by default).
 *
 * Merges known at the cut (docs/merge.md): an incident merged by then is built as it was (its
 * `merged_into` leaves it out of the counted incidents), and a survivor counts the records of every
 * incident merged into it, which the versions, one incident's own figures each, do not combine. So a
 * survivor built here, or one whose merged incidents are, is built (added when not selected) with
 * its figures and seizures from the domain's tallies of its records as of the cut (`survivorLedgers`).
 */
export async function versionTables(
  manager: EntityManager,
  cut: bigint,
  view: TallyView,
  incidents: string,
  tables: FigureTables,
  policies: readonly BestPolicy[] = [view.policy ?? DEFAULT_BEST_POLICY],
): Promise<void> {
  const { directory = emptyDirectory } = view;
  const at = cut.toString();
  /** Versions of `alias` that held at the cut (`$1`). */
  const held = (alias: string) => `${alias}.valid_from <= $1 AND ${alias}.valid_to > $1`;
  /** `table`'s versions that held at the cut, as `alias`, of the incidents built from the versions. */
  const heldChanged = (table: string, alias: string) =>
    `${tables.summaries} a JOIN ${table} ${alias} ON ${alias}.incident_id = a.incident_id AND ${held(alias)}`;
  const survivors = await survivorsAmong(manager, cut, incidents);
  // `occurred_on` is `localDateOf`: the date part of the time as given, in its own offset. The
  // incidents are one set (not `IN … OR = ANY`, which the planner can only test version by version
  // of every incident opened by the cut): each is then found through the primary key.
  await manager.query(
    `CREATE TEMPORARY TABLE ${tables.summaries} ON COMMIT DROP AS
     SELECT i.incident_id, i.merged_into, i.status, i.fields->>'category' AS category, i.fields->'location'->>'country' AS country,
       i.fields->'location'->>'admin1' AS admin1, (i.fields->>'occurredAt')::timestamptz AS occurred_at, left(i.fields->>'occurredAt', 10)::date AS occurred_on,
       coalesce(z.vehicles_seized, 0) AS vehicles_seized, coalesce(z.weapons_seized, 0) AS weapons_seized, coalesce(z.arrests, 0) AS arrests
     FROM temporal_incidents i LEFT JOIN temporal_seizures z ON z.incident_id = i.incident_id AND ${held('z')}
     WHERE ${held('i')} AND i.incident_id IN (${incidents} UNION ALL SELECT unnest($2::uuid[]))`,
    [at, [...survivors.keys()]],
  );
  // Statistics, so that the planner counts the changed incidents (mostly few) when it joins their versions.
  await manager.query(`ANALYZE ${tables.summaries}`);
  const owned = [...directory.owners.keys()].map((spelling) => ({ spelling, ...resolveSource(directory, spelling) }));
  const rank = (reliability: string | undefined) => (reliability === undefined ? RELIABILITIES.length : RELIABILITIES.indexOf(reliability as (typeof RELIABILITIES)[number]));
  // Without aliases a spelling is its own source on its pair: the rows are the sources already.
  const aliased = owned.some(({ spelling, key }) => spelling !== key);
  const sources = `SELECT f.incident_id, f.outcome, f.party, f.figure, f.last_seq, coalesce(d.source_key, f.source) AS source_key, coalesce(d.rank, ${RELIABILITIES.length}) AS rank,
      first_value(coalesce(d.name, f.first_name)) OVER (PARTITION BY f.incident_id, coalesce(d.source_key, f.source) ORDER BY f.first_seq) AS source
    FROM ${heldChanged('temporal_source_figures', 'f')} LEFT JOIN unnest($2::text[], $3::text[], $4::text[], $5::int[]) AS d (spelling, source_key, name, rank) ON d.spelling = f.source`;
  await manager.query(
    `CREATE TEMPORARY TABLE ${tables.sources} ON COMMIT DROP AS
     SELECT ${aliased ? 'DISTINCT ON (incident_id, outcome, party, source_key)' : ''} *, NULL::uuid AS perpetrator_actor_id FROM (${sources}) s
     ${aliased ? 'ORDER BY incident_id, outcome, party, source_key, last_seq DESC' : ''}`,
    [at, owned.map((o) => o.spelling), owned.map((o) => o.key), owned.map((o) => o.name ?? null), owned.map((o) => rank(o.reliability))],
  );
  // CONSERVATIVE's best is `low`.
  const bestColumns = [...new Set([...policies.map((each) => BEST_COLUMNS[each]), 'low', 'high'])];
  const bests = [...policies.filter((each) => each !== 'CONSERVATIVE').map((each) => `${BEST_OF[each]} AS ${BEST_COLUMNS[each]}`), 'min(figure) AS low', 'max(figure) AS high'];
  await manager.query(
    `CREATE TEMPORARY TABLE ${tables.casualties} ON COMMIT DROP AS
     SELECT incident_id, outcome, party, ${bests.join(', ')}, NULL::uuid AS perpetrator_actor_id
     FROM ${tables.sources} GROUP BY incident_id, outcome, party`,
  );
  await manager.query(
    `CREATE TEMPORARY TABLE ${tables.hostages} ON COMMIT DROP AS
     SELECT h.incident_id, h.party, ${HOSTAGE_COUNTS.map((count) => `h.${count}`).join(', ')}, NULL::uuid AS perpetrator_actor_id FROM ${heldChanged('temporal_hostages', 'h')}`,
    [at],
  );
  if (survivors.size > 0) await foldSurvivors(manager, tables, await survivorLedgers(manager, survivors, cut), directory, bestColumns);
}

/**
 * The survivors of merges known at `cut` (each with the incidents merged into it by then) of which
 * the survivor or one of those is among `incidents` (SQL, `$1` the cut): the
 * ones whose tallies as of the cut are folded, not read from the versions. The merges are found
 * through `temporal_incidents_merged_idx`.
 */
export async function survivorsAmong(manager: EntityManager, cut: bigint, incidents: string): Promise<Map<string, string[]>> {
  const rows = (await manager.query('SELECT incident_id, merged_into FROM temporal_incidents WHERE merged_into IS NOT NULL AND valid_from <= $1 AND valid_to > $1', [
    cut.toString(),
  ])) as { incident_id: string; merged_into: string }[];
  const into = new Map(rows.map((row) => [row.incident_id, row.merged_into]));
  // A survivor that is merged itself (two merges decided at once, each into the other) counts nowhere.
  const merged = [...mergedBySurvivor(into)].filter(([survivor]) => !into.has(survivor));
  if (merged.length === 0) return new Map();
  // One pass over `incidents`, each looked up among the merges' incidents (a few hundred); `$1` is
  // named for the selections that read no cut.
  const [{ among }] = (await manager.query(
    `SELECT coalesce(array_agg(i.incident_id::text), '{}') AS among FROM (${incidents}) i WHERE $1::bigint IS NOT NULL AND i.incident_id = ANY($2::uuid[])`,
    [cut.toString(), merged.flat(2)],
  )) as { among: string[] }[];
  const chosen = new Set(among);
  return new Map(merged.filter(([survivor, parts]) => chosen.has(survivor) || parts.some((id) => chosen.has(id))));
}

/** Which temporary table of `versionTables` holds the rows of each figure table of the read model. */
const TEMPORARY: Readonly<Record<string, keyof FigureTables>> = { incident_casualty_figures: 'casualties', incident_source_figures: 'sources', incident_hostages: 'hostages' };

/**
 * Replaces the rows of `tables` of the survivors of `ledgers` (each its own records and its merged
 * incidents', as of the cut) with the read model's rows of the domain's tallies of them
 * (`figureRowsOf`, under every policy, with `directory`), of the columns `tables` have
 * (`bestColumns` of the casualty columns), and their seizures with the tallies'.
 */
async function foldSurvivors(manager: EntityManager, tables: FigureTables, ledgers: ReadonlyMap<string, RecordLedger>, directory: SourceDirectory, bestColumns: readonly string[]): Promise<void> {
  const ids = [...ledgers.keys()];
  const rows = new Map<BulkWrite, Readonly<Record<string, unknown>>[]>();
  const seizures: Readonly<Record<string, unknown>>[] = [];
  for (const [id, ledger] of ledgers) {
    const tallies = talliesByPolicy(ledger, directory);
    for (const { write, row } of figureRowsOf(id, tallies, attributionOf(ledger)).values()) rows.set(write, [...(rows.get(write) ?? []), row]);
    const { vehiclesSeized, weaponsSeized, arrests } = tallies.LATEST;
    seizures.push({ incident_id: id, vehicles_seized: vehiclesSeized, weapons_seized: weaponsSeized, arrests });
  }
  for (const name of Object.values(TEMPORARY)) await manager.query(`DELETE FROM ${tables[name]} WHERE incident_id = ANY($1::uuid[])`, [ids]);
  const unasked = new Set(Object.values(BEST_COLUMNS).filter((column) => !bestColumns.includes(column)));
  for (const [{ table, columns }, written] of rows) {
    await writeRows(manager, { table: tables[TEMPORARY[table]], columns: Object.fromEntries(Object.entries(columns).filter(([column]) => !unasked.has(column))) }, written);
  }
  await manager.query(
    `UPDATE ${tables.summaries} s SET vehicles_seized = r.vehicles_seized, weapons_seized = r.weapons_seized, arrests = r.arrests
     FROM jsonb_to_recordset($1::jsonb) AS r(incident_id uuid, vehicles_seized bigint, weapons_seized bigint, arrests bigint) WHERE s.incident_id = r.incident_id`,
    [JSON.stringify(seizures)],
  );
}
