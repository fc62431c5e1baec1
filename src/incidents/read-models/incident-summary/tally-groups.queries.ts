import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import type { ActorType } from '../../../actors/domain/actor-events.js';
import { PARTIES, type Outcome, type Party } from '../../domain/events.js';
import { DEFAULT_BEST_POLICY, type BestPolicy } from '../../domain/best-policy.js';
import { BEST_COLUMNS } from '../incident-figures/incident-figure.rows.js';
import { byName, HOSTAGE_COUNTS, totalOf, type HostageTally, type PartyFigure, type SourceFigure, type Tally } from '../../domain/tally.js';
import type { IncidentFilter } from '../../domain/incident-filter.js';
import { type GroupBy, type GroupId, groupIdOf, type IdentifiedGroup, inGroupOrder, type TallyGroup, UNNAMED_ACTORS, withActorRefs } from '../../domain/tally-groups.js';
import { filtered } from './incident-filter.js';
import { IncidentSummaryRow } from './incident-summary.entity.js';
import { FIGURE_TABLES, type FigureTables } from './figure-tables.js';

/** The group key every summed row carries. */
type KeyRow = {
  readonly key_country: string | null;
  readonly key_admin1: string | null;
  readonly key_party: Party | null;
  readonly key_actor: string | null;
  readonly key_day: string | null;
  readonly key_month: string | null;
};
/** A sum, as a JSON number. */
type Sum = number;
export type Sums = {
  readonly groups: (KeyRow & { incidents: Sum; vehicles: Sum; weapons: Sum; arrests: Sum })[];
  readonly casualties: (KeyRow & { outcome: Outcome; party: Party; best: Sum; low: Sum; high: Sum })[];
  readonly sources: (KeyRow & { outcome: Outcome; party: Party; source: string; figure: Sum })[];
  readonly hostages: (KeyRow & { party: Party } & Record<(typeof HOSTAGE_COUNTS)[number], Sum>)[];
};

/**
 * Tallies across incidents, grouped, summed by PostgreSQL from the figure rows (the domain tally's
 * output in rows): four statements, whatever the number of incidents, and no incident's tally
 * parsed in Node. The sums are docs/tallies.md's "summing incidents" — per party `best`, `low` and `high`
 * separately, each source by name — exactly `groupTallies`' (`sumTallies`, `narrowTally`) on the
 * same incidents, which a test checks; totals over parties come from the domain's `totalOf`.
 */
@Injectable()
export class TallyGroupQueries {
  constructor(@InjectRepository(IncidentSummaryRow) private readonly summaries: Repository<IncidentSummaryRow>) {}

  async tallies(filter: IncidentFilter, groupBy: readonly GroupBy[], policy: BestPolicy = DEFAULT_BEST_POLICY): Promise<TallyGroup[]> {
    // One snapshot for the four sums, so a batch the projection commits meanwhile is in all of them or none.
    const sums = await this.summaries.manager.transaction('REPEATABLE READ', (manager) => sumsOf(manager, FIGURE_TABLES, filter, new Set(groupBy), policy));
    const groups = groupsOf(sums);
    const ids = [...new Set(groups.flatMap(({ key }) => key.actor ?? []))];
    const rows: { actor_id: string; name: string; actor_type: ActorType }[] =
      ids.length === 0 ? [] : await this.summaries.manager.query('SELECT actor_id, name, actor_type FROM actors WHERE actor_id = ANY($1::uuid[])', [ids]);
    const refs = new Map(rows.map(({ actor_id, name, actor_type }) => [actor_id, { id: actor_id, name, actorType: actor_type }]));
    // A perpetrator the actors projection has not seen yet (it runs apart) is named by its id until it has.
    return withActorRefs(groups, (id) => refs.get(id) ?? UNNAMED_ACTORS.refOf(id));
  }
}

/**
 * The four sums of `tables`' filtered incidents, grouped `by`, in one statement (one snapshot, one
 * read of the summaries: their rows are wide), each as a JSON array.
 */
async function sumsOf(manager: EntityManager, tables: FigureTables, filter: IncidentFilter, by: ReadonlySet<GroupBy>, policy: BestPolicy): Promise<Sums> {
  // `occurred_on` is the local date `localDateOf` gave the projection (`membersOf` groups by the same).
  const local = (format: string) => `to_char(s.occurred_on, '${format}')`;
  // The parts of a group key an incident has alone (with it, PARTY and ACTOR come from its figures),
  // named apart from the tables' columns (GROUP BY would take `country` to be `s.country`). Only the
  // asked ones are grouped by, so the planner counts the groups right and aggregates by hash.
  const own = {
    key_country: by.has('COUNTRY') && 's.country',
    key_admin1: by.has('ADMIN1') && 's.admin1',
    key_day: by.has('DAY') && local('YYYY-MM-DD'),
    key_month: by.has('MONTH') && local('YYYY-MM'),
  };
  const asked = (parts: Readonly<Record<string, string | false>>) => Object.entries(parts).filter((part): part is [string, string] => part[1] !== false);
  const columns = ['s.incident_id', 's.vehicles_seized', 's.weapons_seized', 's.arrests', ...asked(own).map(([as, of]) => `${of} AS ${as}`)].join(', ');
  const [members, parameters] = filtered(manager.createQueryBuilder().select(columns).from(tables.summaries, 's'), filter).getQueryAndParameters();
  /** A member's group key, joined with `parties`: with PARTY, their `party` is the group's; with ACTOR, their perpetrator's survivor. */
  const keyParts = (parties: string): Record<keyof KeyRow, string | false> => ({
    ...own,
    ...Object.fromEntries(asked(own).map(([as]) => [as, as])),
    key_party: by.has('PARTY') && `${parties}.party`,
    key_actor: by.has('ACTOR') && `${parties}.actor::text`,
  });
  const key = (parties: string) => Object.entries(keyParts(parties)).map(([as, of]) => `${of === false ? 'NULL' : of} AS ${as}`).join(', ');
  /** GROUP BY the asked key parts and `columns`; without any, the one group of all members (none without members). */
  const groupBy = (parties: string, columns: readonly string[]) => {
    const grouped = [...asked(keyParts(parties)).map(([, of]) => of), ...columns];
    return grouped.length === 0 ? 'HAVING count(*) > 0' : `GROUP BY ${grouped.join(', ')}`;
  };
  /** A figure table's rows with `actor`, their perpetrator as its survivor (as named, while the actors projection has not seen it). */
  const withActor = (table: string) =>
    `(SELECT t.*, COALESCE(av.survivor_id, t.perpetrator_actor_id) AS actor FROM ${table} t LEFT JOIN actors av ON av.actor_id = t.perpetrator_actor_id)`;
  // An incident is in one group, or with PARTY in one per party it has casualty or hostage figures
  // for, with ACTOR one per perpetrator of those (an incident without such figures: in the group of
  // no party, unattributed).
  const split = (['PARTY', 'ACTOR'] as const).some((dimension) => by.has(dimension));
  const attributed = (table: string) =>
    `SELECT incident_id, ${by.has('PARTY') ? 'party' : 'NULL::text AS party'}, ${by.has('ACTOR') ? 'actor' : 'NULL::uuid AS actor'} FROM ${withActor(table)} AS f`;
  const parties = split ? `LEFT JOIN (${attributed(tables.casualties)} UNION ${attributed(tables.hostages)}) AS p USING (incident_id)` : '';
  // Enough memory to aggregate in a hash table: sorting tens of thousands of figure rows by text keys spills to disk.
  await manager.query(`SET LOCAL work_mem = '64MB'`);
  /**
   * Figure rows of `table` summed per group and `columns` (with PARTY, a figure counts in its own
   * party's group); `summed` maps each answer column to what it sums or aggregates.
   */
  const figures = (table: string, columns: readonly string[], summed: Readonly<Record<string, string>>) =>
    `SELECT ${key('f')}, ${columns.map((column) => `f.${column}`).join(', ')}, ${Object.entries(summed).map(([as, of]) => `${of} AS ${as}`).join(', ')}
     FROM members JOIN ${withActor(table)} f USING (incident_id)
     ${groupBy('f', columns.map((column) => `f.${column}`))}`;
  const sums = (columns: readonly string[]) => Object.fromEntries(columns.map((column) => [column, `sum(f.${column})`]));
  const parts: Readonly<Record<keyof Sums, string>> = {
    groups: `SELECT ${key('p')}, count(*) AS incidents, sum(vehicles_seized) AS vehicles, sum(weapons_seized) AS weapons, sum(arrests) AS arrests
       FROM members ${parties} ${groupBy('p', [])}`,
    casualties: figures(tables.casualties, ['outcome', 'party'], { best: `sum(f.${BEST_COLUMNS[policy]})`, ...sums(['low', 'high']) }),
    // A source by its `sourceKey`, shown by the spelling that sorts first by code point, as `sumTallies` does.
    sources: figures(tables.sources, ['outcome', 'party', 'source_key'], { source: 'min(f.source COLLATE "C")', ...sums(['figure']) }),
    hostages: figures(tables.hostages, ['party'], sums(HOSTAGE_COUNTS)),
  };
  const [row] = (await manager.query(
    `WITH members AS MATERIALIZED (${members})
     SELECT ${Object.entries(parts).map(([name, sql]) => `(SELECT coalesce(json_agg(r), '[]') FROM (${sql}) r) AS ${name}`).join(', ')}`,
    parameters,
  )) as Sums[];
  return row;
}

/**
 * Groups summed from `tables` (without ACTOR: their `actor` keys are not named) with `manager`, as
 * `TallyGroupQueries.tallies` sums the read model's.
 */
export const summedGroups = async (manager: EntityManager, tables: FigureTables, filter: IncidentFilter, groupBy: readonly GroupBy[], policy: BestPolicy): Promise<TallyGroup[]> =>
  namedGroups(await sumsOf(manager, tables, filter, new Set(groupBy), policy));

/** The groups of `sums` (without ACTOR keys: they are not named), as `summedGroups` gives them. */
export const namedGroups = (sums: Sums): TallyGroup[] => withActorRefs(groupsOf(sums), UNNAMED_ACTORS.refOf);

/** The groups' tallies from their sums, shaped and ordered as `groupTallies` makes them. */
function groupsOf(sums: Sums): IdentifiedGroup[] {
  type Group = { key: GroupId; incidents: number; byParty: Record<Outcome, PartyFigure[]>; hostages: HostageTally[]; seized: Pick<Tally, 'vehiclesSeized' | 'weaponsSeized' | 'arrests'> };
  const groups = new Map<string, Group>();
  for (const row of sums.groups) {
    groups.set(groupIdOf(keyOf(row)), {
      key: keyOf(row),
      incidents: Number(row.incidents),
      byParty: { killed: [], injured: [] },
      hostages: [],
      seized: { vehiclesSeized: Number(row.vehicles), weaponsSeized: Number(row.weapons), arrests: Number(row.arrests) },
    });
  }
  const sourcesOf = new Map<string, SourceFigure[]>();
  for (const row of sums.sources) {
    const id = `${groupIdOf(keyOf(row))}\n${row.outcome}\n${row.party}`;
    const figures = sourcesOf.get(id) ?? [];
    figures.push({ name: row.source, figure: Number(row.figure) });
    sourcesOf.set(id, figures);
  }
  for (const row of sums.casualties) {
    const id = groupIdOf(keyOf(row));
    const sources = (sourcesOf.get(`${id}\n${row.outcome}\n${row.party}`) ?? []).sort(byName);
    const [best, low, high] = [Number(row.best), Number(row.low), Number(row.high)];
    groups.get(id)!.byParty[row.outcome].push({ party: row.party, best, low, high, bestSource: null, numberOfSources: sources.length, sources });
  }
  for (const row of sums.hostages) {
    const counts = Object.fromEntries(HOSTAGE_COUNTS.map((count) => [count, Number(row[count])])) as Omit<HostageTally, 'party'>;
    groups.get(groupIdOf(keyOf(row)))!.hostages.push({ party: row.party, ...counts });
  }
  const inPartyOrder = <T extends { party: Party }>(figures: T[]): T[] => figures.sort((a, b) => PARTIES.indexOf(a.party) - PARTIES.indexOf(b.party));
  return inGroupOrder(groups).map(({ key, incidents, byParty, hostages, seized }) => ({
      key,
      incidents,
      killed: { total: totalOf(byParty.killed), byParty: inPartyOrder(byParty.killed) },
      injured: { total: totalOf(byParty.injured), byParty: inPartyOrder(byParty.injured) },
      hostages: inPartyOrder(hostages),
      ...seized,
    }));
}

const keyOf = (row: KeyRow): GroupId => ({ country: row.key_country, admin1: row.key_admin1, party: row.key_party, actor: row.key_actor, day: row.key_day, month: row.key_month });
