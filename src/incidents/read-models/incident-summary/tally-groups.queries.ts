import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import type { Party } from '../../domain/events.js';
import { narrowTally, sumTallies } from '../../domain/tally-arithmetic.js';
import type { Tally } from '../../domain/tally.js';
import { filtered, type IncidentFilter } from './incident-filter.js';
import { IncidentSummaryRow } from './incident-summary.entity.js';

export const GROUP_BY = ['COUNTRY', 'ADMIN1', 'PARTY', 'DAY', 'MONTH'] as const;
export type GroupBy = (typeof GROUP_BY)[number];

/** The fields set by `groupBy`; the others are null. `day` is `YYYY-MM-DD`, `month` `YYYY-MM` (UTC, of `occurredAt`). */
export interface TallyGroupKey {
  readonly country: string | null;
  readonly admin1: string | null;
  readonly party: Party | null;
  readonly day: string | null;
  readonly month: string | null;
}

/** SPEC §5's `TallyGroup`: the summed tally of `incidents` incidents. */
export type TallyGroup = { readonly key: TallyGroupKey; readonly incidents: number } & Omit<Tally, never>;

type Member = { key: TallyGroupKey; tally: Tally };

/** What grouping needs of an incident, whether read from the read model or folded as of a past moment. */
export interface GroupableIncident {
  readonly country: string;
  readonly admin1: string;
  readonly occurredAt: Date;
  readonly tally: Tally;
}

/**
 * Tallies across incidents, grouped. Each group's figures are the domain's sum of its incidents'
 * tallies (`sumTallies`), narrowed to the party when grouping by party (`narrowTally`): no rule
 * is re-applied here. One statement reads the filtered incidents' tallies.
 */
@Injectable()
export class TallyGroupQueries {
  constructor(@InjectRepository(IncidentSummaryRow) private readonly summaries: Repository<IncidentSummaryRow>) {}

  async tallies(filter: IncidentFilter, groupBy: readonly GroupBy[]): Promise<TallyGroup[]> {
    const rows = await filtered(
      this.summaries.createQueryBuilder('s').select(['s.incidentId', 's.country', 's.admin1', 's.occurredAt', 's.tally']),
      filter,
    ).getMany();
    return groupTallies(rows, groupBy);
  }
}

/** Groups incidents by the `groupBy` keys and sums each group's tallies (pure; also used for as-of tallies). */
export function groupTallies(incidents: readonly GroupableIncident[], groupBy: readonly GroupBy[]): TallyGroup[] {
  const groups = new Map<string, Member[]>();
  for (const incident of incidents) {
    for (const member of membersOf(incident, new Set(groupBy))) {
      const id = JSON.stringify(member.key);
      const members = groups.get(id);
      if (members) members.push(member);
      else groups.set(id, [member]);
    }
  }
  return [...groups]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, members]) => ({ key: members[0].key, incidents: members.length, ...sumTallies(members.map((m) => m.tally)) }));
}

/** The groups one incident falls in: one, or one per party it has figures for when grouping by party. */
function membersOf(row: GroupableIncident, by: ReadonlySet<GroupBy>): Member[] {
  const day = row.occurredAt.toISOString().slice(0, 10);
  const key: TallyGroupKey = {
    country: by.has('COUNTRY') ? row.country : null,
    admin1: by.has('ADMIN1') ? row.admin1 : null,
    party: null,
    day: by.has('DAY') ? day : null,
    month: by.has('MONTH') ? day.slice(0, 7) : null,
  };
  if (!by.has('PARTY')) return [{ key, tally: row.tally }];
  return partiesOf(row.tally).map((party) => ({ key: { ...key, party }, tally: narrowTally(row.tally, party) }));
}

const partiesOf = (tally: Tally): Party[] => [
  ...new Set([...tally.killed.byParty, ...tally.injured.byParty, ...tally.hostages].map((figure) => figure.party)),
];
