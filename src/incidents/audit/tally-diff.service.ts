import { Injectable } from '@nestjs/common';
import { EventStore, type RecordedEvent } from '../../event-store/event-store.port.js';
import { actorOf, recordedAtOf } from '../../event-store/envelope.js';
import { incidentStream } from '../../event-store/stream-names.js';
import { DomainError } from '../domain/domain-error.js';
import { type CasualtyChange, COUNT_RECORDS, type CountChange, diffTallies, type HostageChange } from '../domain/tally-diff.js';
import { emptyTally } from '../domain/tally-arithmetic.js';
import type { Tally } from '../domain/tally.js';
import type { BestPolicy } from '../domain/best-policy.js';
import { matchesFilter, type IncidentFilter } from '../domain/incident-filter.js';
import { type ActorNames, groupTallies, type GroupBy, type TallyGroupKey } from '../domain/tally-groups.js';
import { type RecordChange, TemporalTallies } from '../read-models/temporal/temporal-tallies.queries.js';
import { type AsOf, parseAsOf } from './as-of.js';
import { AsOfTallyService, byActor, type Groupable } from './as-of-tally.service.js';

/** The two cuts of a diff as they travel (each as `asOf`), and which source figure is `best` at both (LATEST when absent). */
export type DiffCuts = { readonly from: string; readonly to: string; readonly bestPolicy?: BestPolicy };

/** An incident's diff asked for. */
export type AskedDiff = DiffCuts & { readonly incidentId: string };

type ParsedDiff = AskedDiff & { readonly cuts: readonly AsOf[] };

/** Records listed per change at most (the latest); `recordCount` tells how many there were. */
export const MAX_CAUSES = 100;

/** A record change as a diff lists it: its line (outcome, party) is the change's own. */
type ShownChange = Omit<RecordChange, 'outcome' | 'party'>;
type Caused<T> = T & { readonly records: readonly ShownChange[]; readonly recordCount: number };
type CausedDiff = { readonly casualties: Caused<CasualtyChange>[]; readonly hostages: Caused<HostageChange>[]; readonly counts: Caused<CountChange>[] };

/** `Incident.tallyDiff(from, to)`: the cuts as positions, and what changed in between with the records that changed it. */
export type IncidentTallyDiff = { readonly incidentId: string; readonly from: string; readonly to: string } & CausedDiff;
export type TallyGroupDiff = { readonly key: TallyGroupKey; readonly incidentsBefore: number; readonly incidentsAfter: number } & CausedDiff;
/** `talliesDiff`: the groups whose tally or number of incidents changed, ordered by key. */
export type TalliesDiff = { readonly from: string; readonly to: string; readonly groups: readonly TallyGroupDiff[] };

/**
 * Tally diffs from the temporal read model: the tallies as of `from` and as of `to` (each a record
 * time or a position, parsed as `asOf`), compared with the domain's `diffTallies`, and the record
 * changes recorded between the two cuts that touch each changed line.
 */
@Injectable()
export class TallyDiffService {
  constructor(
    private readonly asOf: AsOfTallyService,
    private readonly temporal: TemporalTallies,
    private readonly store: EventStore,
  ) {}

  /** One incident's diff; `INCIDENT.NOT_FOUND` (404) when it existed at neither cut. */
  async incident(asked: AskedDiff): Promise<IncidentTallyDiff> {
    const [diff] = await this.incidents([asked]);
    if (diff instanceof Error) throw diff;
    return diff;
  }

  /**
   * `incident` for many asks at once (an operation's `tallyDiff` fields), in the order asked, each
   * its diff or its error (a cut that does not parse, an incident unknown at both cuts). Every cut
   * shares one wait for the projection and one read of the registry, every tally one statement
   * (`atCuts`), and the record changes are read once, between the earliest and the latest cut, and
   * indexed by incident once per distinct pair of cuts.
   */
  async incidents(asked: readonly AskedDiff[]): Promise<(IncidentTallyDiff | Error)[]> {
    const parsed = asked.map((ask): ParsedDiff | Error => {
      try {
        return { ...ask, cuts: [parseAsOf(ask.from, 'from'), parseAsOf(ask.to, 'to')] };
      } catch (error) {
        return error as Error;
      }
    });
    const valid = parsed.filter((ask): ask is ParsedDiff => !(ask instanceof Error));
    const cuts = await this.asOf.cutsWithRegistry(valid.flatMap(({ cuts }) => cuts));
    const known = await this.asOf.atCuts(
      valid.flatMap(({ incidentId, bestPolicy: policy }, n) => [cuts[2 * n], cuts[2 * n + 1]].map(({ at, directory }) => ({ incidentId, at, view: { directory, policy } }))),
    );
    // The record changes of every incident asked read once, between the earliest and the latest cut; each pair of cuts takes those between its own.
    const pairs = valid.map((_, n) => [cuts[2 * n].at, cuts[2 * n + 1].at] as const);
    const bounds = pairs.flat().sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const read = valid.length === 0 ? Promise.resolve([]) : this.changesBetween(bounds[0], bounds.at(-1)!, [...new Set(valid.map(({ incidentId }) => incidentId))]);
    const changes = new Map(
      pairs.map((pair) => {
        const [after, upTo] = pair[0] <= pair[1] ? pair : [pair[1], pair[0]];
        const between = read.then((all) => all.filter(({ position }) => BigInt(position) > after && BigInt(position) <= upTo));
        return [pair.join(':'), between.then((own) => touching(own, countedUnder(own)))] as const;
      }),
    );
    // An ask answered without its changes (an incident unknown at both cuts) must not leave their failure unhandled.
    for (const pending of changes.values()) pending.catch(() => undefined);
    let next = 0;
    return Promise.all(
      parsed.map(async (ask) => {
        if (ask instanceof Error) return ask;
        const n = next++;
        const { incidentId } = ask;
        const [before, after] = [known[2 * n], known[2 * n + 1]];
        if (before === undefined && after === undefined) return new DomainError('INCIDENT.NOT_FOUND', `Incident ${incidentId} did not exist as of either cut`);
        const own = (await changes.get(pairs[n].join(':'))!).of([incidentId]);
        const [start, end] = pairs[n];
        return { incidentId, from: start.toString(), to: end.toString(), ...caused(before?.tally ?? emptyTally, after?.tally ?? emptyTally, own) };
      }),
    );
  }

  /** docs/api.md `tallies(filter, groupBy, bestPolicy)` at both cuts, group by group. */
  async groups(filter: IncidentFilter, groupBy: readonly GroupBy[], { from, to, bestPolicy }: DiffCuts): Promise<TalliesDiff> {
    const [start, end] = await this.asOf.cutsOf([parseAsOf(from, 'from'), parseAsOf(to, 'to')]);
    const withActors = byActor(filter, groupBy);
    const [before, after] = await Promise.all(
      [start, end].map(async (cut) => {
        const { incidents, actors } = await this.asOf.groupable({ position: cut }, withActors, bestPolicy);
        return groupsOf(incidents.filter((incident) => matchesFilter(incident, filter, actors)), groupBy, actors);
      }),
    );
    const changes = await this.changesBetween(start, end);
    const under = countedUnder(changes);
    // A group's changes: those of its incidents, of the incidents merged into them, and those counted under them.
    const { of } = touching(changes, (change) => [change.incidentId, ...(change.mergedFrom === null ? [] : [change.mergedFrom]), ...under(change)]);
    const counted = [before, after].map((groups) => new Set([...groups.values()].flatMap(({ members }) => [...members])));
    const groups = [...new Set([...before.keys(), ...after.keys()])].sort().flatMap((id) => {
      const [was, is] = [before.get(id), after.get(id)];
      const members = new Set([...(was?.members ?? []), ...(is?.members ?? [])]);
      // In this group at one cut and in another at the other: the changes that moved them moved their seizures and arrests too.
      const moved = new Set(of([...members].filter((id) => (was?.members.has(id) ?? false) !== (is?.members.has(id) ?? false) && counted.every((ids) => ids.has(id)))));
      const diff = caused(was?.tally ?? emptyTally, is?.tally ?? emptyTally, of(members), (change) => moved.has(change));
      const incidentsBefore = was?.members.size ?? 0;
      const incidentsAfter = is?.members.size ?? 0;
      const unchanged = incidentsBefore === incidentsAfter && diff.casualties.length + diff.hostages.length + diff.counts.length === 0;
      return unchanged ? [] : [{ key: (was ?? is)!.key, incidentsBefore, incidentsAfter, ...diff }];
    });
    return { from: start.toString(), to: end.toString(), groups };
  }

  /**
   * The record changes between two cuts, whichever comes first, and the records merges between them
   * brought to their survivors (with the merge event's `recordedAt` and actor), in position order.
   */
  private async changesBetween(start: bigint, end: bigint, incidentIds?: readonly string[]): Promise<RecordChange[]> {
    const [after, upTo] = start <= end ? [start, end] : [end, start];
    const [own, merged] = await Promise.all([this.temporal.recordChanges(after, upTo, incidentIds), this.temporal.mergedRecords(after, upTo, incidentIds)]);
    if (merged.length === 0) return own;
    // With ids, also the changes of the incidents the merges brought, made between the cuts before their merge.
    const brought = incidentIds && [...new Set(merged.map(({ incidentId }) => incidentId))].filter((id) => !incidentIds.includes(id));
    const changes = brought?.length ? [...own, ...(await this.temporal.recordChanges(after, upTo, brought))] : own;
    const merges = await Promise.all(
      [...new Map(merged.map(({ mergedFrom, position }) => [position, mergedFrom!] as const))].map(([position, id]) => this.eventAt(incidentStream(id), position)),
    );
    const eventOf = new Map(merges.map((event) => [event.position.toString(), event] as const));
    const withEvents = merged.map((record) => {
      const event = eventOf.get(record.position)!;
      return { ...record, recordedAt: recordedAtOf(event).toISOString(), actor: actorOf(event) };
    });
    return [...changes, ...withEvents].sort((a, b) => Number(BigInt(a.position) - BigInt(b.position)));
  }

  /**
   * The merge event at `position` of a merged incident's `stream`: its last event, as a merged
   * incident takes no event after its merge (docs/merge.md); else (a history imported before import
   * refused such events) found in the whole stream.
   */
  private async eventAt(stream: string, position: string): Promise<RecordedEvent> {
    const [last] = await this.store.readStream(stream, { direction: 'backwards', maxCount: 1 });
    if (last.position.toString() === position) return last;
    return (await this.store.readStream(stream)).find((event) => event.position.toString() === position)!;
  }
}

type Group = { key: TallyGroupKey; tally: Tally; members: Set<string> };

/**
 * The incidents each change counts toward between the cuts: its own, or with change `merged` its
 * survivor; a change of an incident that a merge between the cuts brought to a survivor, both.
 */
function countedUnder(changes: readonly RecordChange[]): (change: RecordChange) => string[] {
  const movedTo = new Map(changes.flatMap(({ incidentId, mergedInto }) => (mergedInto === null ? [] : [[incidentId, mergedInto] as const])));
  return (change) => (change.mergedInto === null ? [change.incidentId, ...(movedTo.has(change.incidentId) ? [movedTo.get(change.incidentId)!] : [])] : [change.mergedInto]);
}

/**
 * The changes by the incidents each touches (`idsOf`), so that those of a few incidents are found
 * without going through all of them: `of(ids)` gives the changes touching any of `ids`, each once,
 * in position order (as `changes` are).
 */
function touching(changes: readonly RecordChange[], idsOf: (change: RecordChange) => readonly string[]): { of: (ids: Iterable<string>) => RecordChange[] } {
  const byIncident = new Map<string, number[]>();
  changes.forEach((change, index) => {
    for (const id of new Set(idsOf(change))) {
      const indexes = byIncident.get(id);
      if (indexes === undefined) byIncident.set(id, [index]);
      else indexes.push(index);
    }
  });
  return {
    of: (ids) => {
      const indexes = new Set<number>();
      for (const id of ids) for (const index of byIncident.get(id) ?? []) indexes.add(index);
      return [...indexes].sort((a, b) => a - b).map((index) => changes[index]);
    },
  };
}

/** The groups by key id, each with its summed tally and its incidents. */
function groupsOf(incidents: readonly Groupable[], groupBy: readonly GroupBy[], actors: ActorNames): Map<string, Group> {
  const groups = new Map<string, Group>();
  for (const incident of incidents) {
    for (const { key } of groupTallies([incident], groupBy, actors)) {
      const id = JSON.stringify(key);
      const group = groups.get(id) ?? { key, tally: emptyTally, members: new Set<string>() };
      group.members.add(incident.incidentId);
      groups.set(id, group);
    }
  }
  const sums = groupTallies(incidents, groupBy, actors);
  for (const { key, incidents: _count, ...tally } of sums) groups.get(JSON.stringify(key))!.tally = tally;
  return groups;
}

/**
 * The domain's diff, each change with the record changes that touched its line: of its party and
 * outcome, its hostage party, its kind of count; a count (seizures, arrests: an incident's whole in
 * each of its groups) also with those `moving` an incident into or out of a group (across incidents).
 */
function caused(before: Tally, after: Tally, changes: readonly RecordChange[], moving: (record: RecordChange) => boolean = () => false): CausedDiff {
  const diff = diffTallies(before, after);
  const withCauses = <T>(change: T, touches: (record: RecordChange) => boolean): Caused<T> => {
    const records = changes.filter(touches);
    return { ...change, records: records.slice(-MAX_CAUSES).map(({ outcome: _outcome, party: _party, ...shown }) => shown), recordCount: records.length };
  };
  return {
    casualties: diff.casualties.map((change) => withCauses(change, (r) => r.type === 'CasualtiesReported' && r.outcome === change.outcome && r.party === change.party)),
    hostages: diff.hostages.map((change) => withCauses(change, (r) => r.type.startsWith('Hostages') && r.party === change.party)),
    counts: diff.counts.map((change) => withCauses(change, (r) => r.type === COUNT_RECORDS[change.figure] || moving(r))),
  };
}
