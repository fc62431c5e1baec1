import type { EntityManager } from 'typeorm';
import { HOSTAGE_COUNTS, type TallyView } from '../../domain/tally.js';
import { RELIABILITIES } from '../../../sources/domain/events.js';
import { emptyDirectory, resolveSource } from '../../../sources/domain/source-directory.js';
import { type BestPolicy, DEFAULT_BEST_POLICY } from '../../domain/best-policy.js';
import { BEST_COLUMNS } from '../incident-figures/incident-figure.rows.js';
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
 * `undefined` (the rest not created) when an incident had been merged by the cut: a survivor's tally
 * counts its merged incidents' records, which these rows do not combine, so the caller folds.
 */
export async function asOfRelations(manager: EntityManager, cut: bigint, view: TallyView): Promise<FigureTables | undefined> {
  const at = cut.toString();
  const policy = view.policy ?? DEFAULT_BEST_POLICY;
  // Enough memory to sort the changed incidents' figure rows in memory (the default spills them to disk).
  await manager.query(`SET LOCAL work_mem = '64MB'`);
  // The planner cannot count the rows of the relations below (unions of the read model's rows and
  // the versions') and would sort every figure row to merge-join them with the incidents; hashing
  // the incidents reads each figure row once.
  await manager.query('SET LOCAL enable_mergejoin = off');
  if (!(await versionTables(manager, cut, view, 'SELECT incident_id FROM incident_summaries WHERE position > $1', AS_OF_TABLES))) return undefined;
  const [merged] = (await manager.query('SELECT EXISTS (SELECT FROM incident_summaries WHERE merged_into IS NOT NULL AND position <= $1) AS merged', [at])) as { merged: boolean }[];
  if (merged.merged) return undefined;
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
 * each of `policies` (the view's, by default). `false` (the rest not built) when one of them had
 * been merged by the cut.
 */
export async function versionTables(
  manager: EntityManager,
  cut: bigint,
  { policy = DEFAULT_BEST_POLICY, directory = emptyDirectory }: TallyView,
  incidents: string,
  tables: FigureTables,
  policies: readonly BestPolicy[] = [policy],
): Promise<boolean> {
  const at = cut.toString();
  /** Versions of `alias` that held at the cut (`$1`). */
  const held = (alias: string) => `${alias}.valid_from <= $1 AND ${alias}.valid_to > $1`;
  /** `table`'s versions that held at the cut, as `alias`, of the incidents built from the versions. */
  const heldChanged = (table: string, alias: string) =>
    `${tables.summaries} a JOIN ${table} ${alias} ON ${alias}.incident_id = a.incident_id AND ${held(alias)}`;
  // `occurred_on` is `localDateOf`: the date part of the time as given, in its own offset.
  await manager.query(
    `CREATE TEMPORARY TABLE ${tables.summaries} ON COMMIT DROP AS
     SELECT i.incident_id, i.merged_into, i.status, i.fields->>'category' AS category, i.fields->'location'->>'country' AS country,
       i.fields->'location'->>'admin1' AS admin1, (i.fields->>'occurredAt')::timestamptz AS occurred_at, left(i.fields->>'occurredAt', 10)::date AS occurred_on,
       coalesce(z.vehicles_seized, 0) AS vehicles_seized, coalesce(z.weapons_seized, 0) AS weapons_seized, coalesce(z.arrests, 0) AS arrests
     FROM temporal_incidents i LEFT JOIN temporal_seizures z ON z.incident_id = i.incident_id AND ${held('z')}
     WHERE ${held('i')} AND i.incident_id IN (${incidents})`,
    [at],
  );
  // Statistics, so that the planner counts the changed incidents (mostly few) when it joins their versions.
  await manager.query(`ANALYZE ${tables.summaries}`);
  const [merged] = (await manager.query(`SELECT EXISTS (SELECT FROM ${tables.summaries} WHERE merged_into IS NOT NULL) AS merged`)) as { merged: boolean }[];
  if (merged.merged) return false;
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
  return true;
}
