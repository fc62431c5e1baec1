import type { ActorDirectory } from '../../actors/domain/actor-directory.js';
import { attributedTally, type Attribution, perpetratorsOf } from './attribution.js';
import type { Party } from './events.js';
import { localDateOf, localMonthOf } from './local-date.js';
import { narrowTally, sumTallies } from './tally-arithmetic.js';
import type { Tally } from './tally.js';

/** docs/api.md's `groupBy` dimensions of `tallies`. */
export const GROUP_BY = ['COUNTRY', 'ADMIN1', 'PARTY', 'ACTOR', 'DAY', 'MONTH'] as const;
export type GroupBy = (typeof GROUP_BY)[number];

/** An actor as a group names it: its survivor's id, name and type (`ActorDirectory.refOf`). */
export type ActorRef = ReturnType<ActorDirectory['refOf']>;

/**
 * The fields set by `groupBy`; the others are null. `day` is `YYYY-MM-DD`, `month` `YYYY-MM`: the local
 * date of `occurredAt` (`local-date.ts`); `actor` the perpetrator (as its survivor) the group's figures
 * are attributed to, null for the unattributed group (`attributionOf`).
 */
export interface TallyGroupKey {
  readonly country: string | null;
  readonly admin1: string | null;
  readonly party: Party | null;
  readonly actor: ActorRef | null;
  readonly day: string | null;
  readonly month: string | null;
}

/** A group key as groups are told apart and ordered: the actor by id. */
export type GroupId = Omit<TallyGroupKey, 'actor'> & { readonly actor: string | null };

/** docs/api.md's `TallyGroup`: the summed tally of `incidents` incidents. */
export type TallyGroup = { readonly key: TallyGroupKey; readonly incidents: number } & Omit<Tally, never>;

/** A group before its actor is named. */
export type IdentifiedGroup = Omit<TallyGroup, 'key'> & { readonly key: GroupId };

/** What grouping needs of an incident, whether read from the read model or folded as of a past moment. */
export interface GroupableIncident {
  readonly country: string;
  readonly admin1: string;
  /** As given, offset included. */
  readonly occurredAt: string;
  readonly tally: Tally;
  readonly attribution: Attribution;
}

/** The registry as a grouping sees it: actors as their survivors, and each survivor's name and type. */
export type ActorNames = Pick<ActorDirectory, 'survivorOf' | 'refOf'>;

/** No registry: every actor as itself, named by its id (as `tallies` names one the actors projection has not seen). */
export const UNNAMED_ACTORS: ActorNames = { survivorOf: (actorId) => actorId, refOf: (id) => ({ id, name: id, actorType: 'external_force' }) };

/** A group's identity; groups are listed in the order of their identities (`inGroupOrder`). */
export const groupIdOf = (key: GroupId): string => JSON.stringify(key);

/** The values of `groups` (keyed by `groupIdOf`) in list order: by identity, in code-point order. */
export const inGroupOrder = <T>(groups: ReadonlyMap<string, T>): T[] => [...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, group]) => group);

/** Names each group's actor with `refOf`. */
export const withActorRefs = (groups: readonly IdentifiedGroup[], refOf: (actorId: string) => ActorRef): TallyGroup[] =>
  groups.map((group) => ({ ...group, key: { ...group.key, actor: group.key.actor === null ? null : refOf(group.key.actor) } }));

type Member = { key: GroupId; tally: Tally };

/**
 * docs/api.md `tallies`: groups incidents by the `groupBy` keys and sums each group's tallies (docs/tallies.md
 * "summing incidents", `sumTallies`). The read model's SQL sums (`tally-groups.queries.ts`) re-express
 * this function; a property test holds them to its answer for every grouping and best-figure policy.
 */
export function groupTallies(incidents: readonly GroupableIncident[], groupBy: readonly GroupBy[], actors: ActorNames): TallyGroup[] {
  const groups = new Map<string, Member[]>();
  for (const incident of incidents) {
    for (const member of membersOf(incident, new Set(groupBy), actors)) {
      const id = groupIdOf(member.key);
      const members = groups.get(id);
      if (members) members.push(member);
      else groups.set(id, [member]);
    }
  }
  const summed = inGroupOrder(groups).map((members) => ({ key: members[0].key, incidents: members.length, ...sumTallies(members.map((m) => m.tally)) }));
  return withActorRefs(summed, (actorId) => actors.refOf(actorId));
}

/**
 * The groups one incident falls in: one, or one per perpetrator its figures are attributed to when
 * grouping by actor, each of those split again per party it has figures for when grouping by party
 * (with no casualty or hostage figure, it stays in the group of no party: its seizures and arrests count).
 */
function membersOf(incident: GroupableIncident, by: ReadonlySet<GroupBy>, actors: ActorNames): Member[] {
  const key: GroupId = {
    country: by.has('COUNTRY') ? incident.country : null,
    admin1: by.has('ADMIN1') ? incident.admin1 : null,
    party: null,
    actor: null,
    day: by.has('DAY') ? localDateOf(incident.occurredAt) : null,
    month: by.has('MONTH') ? localMonthOf(incident.occurredAt) : null,
  };
  const survivorOf = (actorId: string) => actors.survivorOf(actorId);
  const { tally, attribution } = incident;
  const byActor: Member[] = by.has('ACTOR')
    ? perpetratorsOf(tally, attribution, survivorOf).map((actor) => ({ key: { ...key, actor }, tally: attributedTally(tally, attribution, actor, survivorOf) }))
    : [{ key, tally }];
  if (!by.has('PARTY')) return byActor;
  return byActor.flatMap((member) => {
    const parties = partiesOf(member.tally);
    return parties.length === 0 ? [member] : parties.map((party) => ({ key: { ...member.key, party }, tally: narrowTally(member.tally, party) }));
  });
}

const partiesOf = (tally: Tally): Party[] => [...new Set([...tally.killed.byParty, ...tally.injured.byParty, ...tally.hostages].map((figure) => figure.party))];
