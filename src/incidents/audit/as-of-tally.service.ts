import type { Category } from '../domain/events.js';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EventStore, type RecordedEvent } from '../../event-store/event-store.port.js';
import { ACTOR_STREAM_PREFIX, INCIDENT_STREAM_PREFIX, incidentIdOf, incidentStream } from '../../event-store/stream-names.js';
import { actorReader } from '../../actors/stored-events/actor-events.js';
import { ActorDirectory } from '../../actors/domain/actor-directory.js';
import { ProjectionBehind, ProjectionPositions } from '../../projections/projection-positions.js';
import { quarantinedStreams } from '../../projections/quarantine.js';
import { SourceRegistryLog } from '../../sources/stored-events/source-registry-log.js';
import type { SourceDirectory } from '../../sources/domain/source-directory.js';
import type { Attribution } from '../domain/attribution.js';
import type { BestPolicy } from '../domain/best-policy.js';
import { DomainError } from '../domain/domain-error.js';
import { survivorOf } from '../domain/merged-ledger.js';
import type { TallyView } from '../domain/tally.js';
import { type AsOf, countedOnce, IncidentAsOfFold, type IncidentAsOf, parseAsOf, type WorldTime } from './as-of.js';
import { pagesOfAll } from '../../event-store/event-pages.js';
import { mergedInto } from '../read-models/incident-merges.js';
import { filterableOf, matchesFilter, type IncidentFilter } from '../domain/incident-filter.js';
import { groupTallies, type GroupableIncident, type GroupBy, type TallyGroup } from '../domain/tally-groups.js';
import { parseWorldTime } from '../read-models/incident-summary/incident-filter.js';
import { INCIDENTS_PROJECTION } from '../read-models/incidents.projection.js';
import { CONSISTENCY_WAIT_MS } from '../read-models/read-consistency.js';
import { furthestOf, type KnownIncident, TemporalTallies } from '../read-models/temporal/temporal-tallies.queries.js';
import type { IncidentCut } from '../read-models/temporal/incident-cuts.queries.js';

/** The query's time arguments as they travel (docs/api.md): all optional, all combinable. */
export interface TallyTimeQuery {
  /** ISO-8601 time or decimal position: fold only what was recorded by then. */
  readonly asOf?: string;
  /** World time: count only records that occurred in this window (inclusive; a bare date is a whole day). */
  readonly occurredFrom?: string;
  readonly occurredTo?: string;
  /** Which source figure is `best` (docs/sources.md); `LATEST` by default. */
  readonly bestPolicy?: BestPolicy;
}

/** One incident asked for as known at `asOf` (none: now), its tally read with `bestPolicy`. */
export type AskedIncident = { readonly incidentId: string; readonly asOf: AsOf | undefined; readonly bestPolicy: BestPolicy | undefined };

/** The same moment, whichever way it was written. */
const momentOf = (asOf: AsOf): string => ('position' in asOf ? `p${asOf.position}` : `t${asOf.time.getTime()}`);

/** An incident as grouping and filters read it, with the registry of actors they name (as known then). */
export type Groupable = KnownIncident & GroupableIncident & { readonly category: Category; readonly actorIds: readonly string[] };
export type GroupableAt = { readonly incidents: readonly Groupable[]; readonly actors: ActorDirectory };

const UNATTRIBUTED: Attribution = { casualties: new Map(), hostages: new Map() };

const min = (a: bigint, b: bigint): bigint => (a < b ? a : b);

/**
 * "What did we know at T" (docs/tallies.md "As of a moment, within a window"). An `asOf` alone is
 * answered by the temporal read model (`TemporalTallies`: the figure versions valid at the cut, an
 * indexed query) once the projection has reached the cut or the store's head, whichever comes first,
 * so an answer never misses an event the store had. The incidents of merges known by then, groupings
 * and filters by actor, and world-time windows (`occurredFrom`/`occurredTo`, which pick records by
 * their `occurredAt`) are folded from the history with the domain's one tally function
 * (`IncidentAsOfFold`), which also stays the reference the temporal rows are tested against.
 */
/** `INCIDENT.NOT_FOUND` (404) for an incident asked for as of `asOf` (now without one), in the same words on every transport. */
export const notFoundAsOf = (incidentId: string, asOf: string | undefined): DomainError =>
  new DomainError('INCIDENT.NOT_FOUND', `Incident ${incidentId} ${asOf === undefined ? 'does not exist' : `did not exist as of ${asOf}`}`);

/** Reads an incident's stream whole (`AsOfTallyService.historiesOnce`: each once, for every fold asking it). */
export type HistoryReads = (incidentId: string) => Promise<RecordedEvent[]>;

@Injectable()
export class AsOfTallyService {
  constructor(
    private readonly store: EventStore,
    private readonly dataSource: DataSource,
    private readonly registry: SourceRegistryLog,
    private readonly temporal: TemporalTallies,
    private readonly positions: ProjectionPositions,
  ) {}

  /**
   * One incident as known at `asOf`; `INCIDENT.NOT_FOUND` (404) when it did not exist yet (or at all).
   * A fold (a world-time window) reads the streams with `histories`: share one (`historiesOnce`)
   * across the folds of one request, and each stream is read once for all of them.
   */
  async incident(incidentId: string, query: TallyTimeQuery = {}, histories?: HistoryReads): Promise<KnownIncident> {
    const [found] = await this.incidents({ ...query, incidentIds: [incidentId] }, histories);
    if (found === undefined) throw notFoundAsOf(incidentId, query.asOf);
    return found;
  }

  /** A `HistoryReads` reading each incident's stream once, for as long as it is kept. */
  historiesOnce(): HistoryReads {
    const read = new Map<string, Promise<RecordedEvent[]>>();
    return (incidentId) => {
      if (!read.has(incidentId)) read.set(incidentId, this.store.readStreamIfAny(incidentStream(incidentId)));
      return read.get(incidentId)!;
    };
  }

  /**
   * Every incident (or those of `incidentIds`) as known at `asOf`; incidents that did not exist then
   * are left out. Each attack counts once (`countedOnce`): without ids, incidents merged by then count
   * under their survivor; with ids, a survivor counts what was merged into it by then and a merged
   * one keeps its own tally.
   */
  async incidents(query: TallyTimeQuery & { readonly incidentIds?: readonly string[] } = {}, histories?: HistoryReads): Promise<KnownIncident[]> {
    const { asOf, window } = parseQuery(query);
    const ids = query.incidentIds && [...new Set(query.incidentIds)];
    if (asOf === undefined || window.from !== undefined || window.to !== undefined) return (await this.fold(await this.positionOf(asOf), window, query.bestPolicy, ids, histories)).incidents;
    const [{ at, directory }] = await this.cutsWithRegistry([asOf]);
    return this.at(at, { policy: query.bestPolicy, directory }, ids);
  }

  /**
   * The incidents (all, or those of `ids`) as known at position `cut`, counted as `incidents` says,
   * their tallies read with `view` (the registry as of the cut's moment, `view`).
   */
  async at(cut: bigint, view: TallyView, ids?: readonly string[]): Promise<KnownIncident[]> {
    if (ids) return (await this.atCuts(ids.map((incidentId) => ({ incidentId, at: cut, view })))).filter((known) => known !== undefined);
    const [known, held] = await Promise.all([this.temporal.incidents(cut, view), this.quarantined()]);
    // The held-back incidents (not in the temporal rows) are folded; one merged by then counts under its survivor.
    const folded = held.size === 0 ? [] : await this.foldIds([...held], cut, {}, view);
    const into = new Map([...known, ...folded].flatMap(({ incidentId, mergedInto: survivor }) => (survivor === undefined ? [] : [[incidentId, survivor] as const])));
    if (into.size === 0) return [...known, ...folded];
    const survivors = [...new Set([...into.keys()].map((id) => survivorOf(id, into)))].filter((id) => !held.has(id));
    const counted = new Map((await this.foldIds(survivors, cut, {}, view)).map((incident) => [incident.incidentId, incident]));
    return [...known, ...folded].flatMap((incident) => (incident.mergedInto === undefined ? [counted.get(incident.incidentId) ?? incident] : []));
  }

  /**
   * The incidents the incidents projection holds back (docs/quarantine.md): their temporal rows
   * stop before the event it could not apply, so as-of reads fold their history, which is complete.
   */
  private async quarantined(): Promise<Set<string>> {
    const held = await quarantinedStreams(this.dataSource, INCIDENTS_PROJECTION);
    return new Set(held.flatMap(({ stream }) => (stream.startsWith(INCIDENT_STREAM_PREFIX) ? [incidentIdOf(stream)] : [])));
  }

  /**
   * Each asked incident as known at its own cut (counted as `incidents` says with ids: a survivor
   * counts what was merged into it by then), its tally read with its view, in the order asked;
   * `undefined` when it did not exist then. All but survivors and quarantined incidents come from
   * one statement (`TemporalTallies.incidentsAt`), whatever the number of incidents and cuts; those are folded.
   */
  async atCuts(cuts: readonly IncidentCut[]): Promise<(KnownIncident | undefined)[]> {
    const [known, merged, held] = await Promise.all([
      this.temporal.incidentsAt(cuts),
      mergedInto(this.dataSource.manager, [...new Set(cuts.map(({ incidentId }) => incidentId))]),
      this.quarantined(),
    ]);
    const folded = new Set([...merged.map(({ root }) => root), ...held]);
    return Promise.all(cuts.map(async ({ incidentId, at, view }, n) => (folded.has(incidentId) ? (await this.foldIds([incidentId], at, {}, view))[0] : known[n])));
  }

  /**
   * `incident(id, { asOf, bestPolicy })` for many incidents and moments at once (an operation's
   * `tally(asOf:)` fields), in the order asked; `undefined` when it did not exist then. The past
   * moments share one wait for the projection and one read of the registry's events
   * (`cutsWithRegistry`) and one statement (`atCuts`); the present one is folded, as `incidents` does.
   */
  async incidentsAt(asked: readonly AskedIncident[]): Promise<(KnownIncident | undefined)[]> {
    const past = asked.flatMap(({ incidentId, asOf, bestPolicy: policy }) => (asOf ? [{ incidentId, asOf, policy }] : []));
    const cuts = await this.cutsWithRegistry(past.map(({ asOf }) => asOf));
    const known = await this.atCuts(past.map(({ incidentId, policy }, n) => ({ incidentId, at: cuts[n].at, view: { policy, directory: cuts[n].directory } })));
    let next = 0;
    return Promise.all(asked.map(async ({ incidentId, asOf, bestPolicy }) => (asOf ? known[next++] : (await this.incidents({ bestPolicy, incidentIds: [incidentId] }))[0])));
  }

  /**
   * Each moment's position (`cutsOf`) and the source registry as known then, in their order: one
   * wait for the projection and one read of the registry's events for them all.
   */
  async cutsWithRegistry(asOfs: readonly AsOf[]): Promise<{ at: bigint; directory: SourceDirectory }[]> {
    const moments = [...new Map(asOfs.map((asOf) => [momentOf(asOf), asOf] as const)).values()];
    const positions = await this.cutsOf(moments);
    const directories = await this.registry.directories(positions.map((at) => (event) => event.position <= at));
    const cutOf = new Map(moments.map((asOf, n) => [momentOf(asOf), { at: positions[n], directory: directories[n] }]));
    return asOfs.map((asOf) => cutOf.get(momentOf(asOf))!);
  }

  /**
   * docs/api.md `tallies(filter, groupBy, asOf)`: the incidents as known at `asOf`, filtered, grouped and
   * summed: by PostgreSQL over the temporal rows (`TemporalTallies.groups`), or, grouping or
   * filtering by actor or with an incident held back, folded and grouped in Node.
   */
  async tallyGroups(filter: IncidentFilter, groupBy: readonly GroupBy[], asOf: string, bestPolicy?: BestPolicy): Promise<TallyGroup[]> {
    const cut = parseAsOf(asOf);
    // Summed by PostgreSQL only when no incident is held back: the temporal rows lack the rest of its history.
    if (!byActor(filter, groupBy) && (await this.quarantined()).size === 0) {
      const [{ at, directory }] = await this.cutsWithRegistry([cut]);
      return this.temporal.groups(at, { policy: bestPolicy, directory }, filter, groupBy);
    }
    const { incidents, actors } = await this.groupable(cut, byActor(filter, groupBy), bestPolicy);
    return groupTallies(incidents.filter((incident) => matchesFilter(incident, filter, actors)), groupBy, actors);
  }

  /**
   * The incidents as known at `asOf` as grouping and filters read them. `withActors` (a grouping or
   * filter by actor) folds the history for the records' perpetrators and the actor registry; without
   * it the temporal rows answer, with no attribution and no actors.
   */
  async groupable(asOf: AsOf, withActors: boolean, policy?: BestPolicy): Promise<GroupableAt> {
    if (withActors) {
      const { incidents, actors } = await this.fold(await this.positionOf(asOf), {}, policy);
      return { incidents: incidents.map((incident) => groupableOf(incident, incident.attribution, filterableOf(incident).actorIds)), actors };
    }
    const [{ at, directory }] = await this.cutsWithRegistry([asOf]);
    return { incidents: (await this.at(at, { policy, directory })).map((incident) => groupableOf(incident, UNATTRIBUTED, [])), actors: new ActorDirectory() };
  }

  /**
   * The position `asOf` stands for, once the temporal rows hold everything the store had up to it:
   * at once when the projection is past the cut, else after waiting for it to reach the cut or the
   * store's head, whichever comes first.
   */
  async cutOf(asOf: AsOf): Promise<bigint> {
    return (await this.cutsOf([asOf]))[0];
  }

  /**
   * `cutOf` for each of `asOfs`, in their order: one read of the projection's position and one of the
   * clock, at most one wait. A position past what the projection has reached once it caught up with
   * the store (past the head) is that reached position: the present, as the answer then gives it.
   * So every cut is one the temporal rows have reached, which `TemporalTallies` checks again in the
   * snapshot it reads them in (a rebuild may have reset them meanwhile).
   */
  async cutsOf(asOfs: readonly AsOf[]): Promise<bigint[]> {
    const positions = asOfs.flatMap((asOf) => ('position' in asOf ? [asOf.position] : []));
    const times = asOfs.flatMap((asOf) => ('time' in asOf ? [asOf.time] : []));
    const furthest = furthestOf(positions);
    const [first, known] = await Promise.all([positions.length > 0 ? this.temporal.reached() : furthest, this.temporal.positionsAt(times)]);
    let reached = first;
    const settled = known.every((position) => position.settled);
    if (reached < furthest || !settled) {
      const needed = await this.waitForHead(settled ? furthest : undefined);
      reached = await this.temporal.reached();
      // The wait trusts the checkpoints it was told of; a rebuild may have reset the rows since.
      if (reached < needed) throw new ProjectionBehind(INCIDENTS_PROJECTION, needed, CONSISTENCY_WAIT_MS);
    }
    const atTimes = settled ? known : await this.temporal.positionsAt(times);
    return asOfs.map((asOf) => ('position' in asOf ? min(asOf.position, reached) : atTimes.shift()!.position));
  }

  /** Waits until the incidents projection has reached `upTo` or the store's head, whichever comes first; returns that position. */
  private async waitForHead(upTo?: bigint): Promise<bigint> {
    const head = await this.store.headPosition();
    const needed = upTo !== undefined && upTo < head ? upTo : head;
    if (needed > 0n) await this.positions.waitFor(INCIDENTS_PROJECTION, needed, CONSISTENCY_WAIT_MS);
    return needed;
  }

  /**
   * The reference: the incidents folded from their events as known at `asOf`, with the actor
   * registry as known then (empty with `incidentIds`: only `$all` is folded for it, in position
   * order), counted as `incidents` says. Without ids it folds `$all` (up to the cut) page by page,
   * keeping one folded state per incident. A time is read as the position it stands for (`cutOf`).
   */
  async known(query: TallyTimeQuery & { readonly incidentIds?: readonly string[] } = {}): Promise<{ incidents: IncidentAsOf[]; actors: ActorDirectory }> {
    const { asOf, window } = parseQuery(query);
    return this.fold(await this.positionOf(asOf), window, query.bestPolicy, query.incidentIds && [...new Set(query.incidentIds)]);
  }

  /** The position `asOf` stands for without waiting for the projection when it is one (a fold reads the events); a time's from the clock (`cutOf`). */
  private async positionOf(asOf: AsOf | undefined): Promise<bigint | undefined> {
    return asOf === undefined || 'position' in asOf ? asOf?.position : this.cutOf(asOf);
  }

  /** The incidents folded up to position `at` (all without one), their tallies read with `policy` and the source registry as of `at`. */
  private async fold(
    at: bigint | undefined,
    window: WorldTime,
    policy: BestPolicy | undefined,
    ids?: readonly string[],
    histories?: HistoryReads,
  ): Promise<{ incidents: IncidentAsOf[]; actors: ActorDirectory }> {
    const view = { policy, directory: await this.registry.directory((event) => at === undefined || event.position <= at) };
    const actors = new ActorDirectory();
    if (ids) return { incidents: await this.foldIds(ids, at, window, view, histories), actors };
    const folds = new Map<string, IncidentAsOfFold>();
    const foldOf = (incidentId: string): IncidentAsOfFold => {
      if (!folds.has(incidentId)) folds.set(incidentId, new IncidentAsOfFold(incidentId, at, window));
      return folds.get(incidentId)!;
    };
    await this.foldAll(at, foldOf, actors);
    return { incidents: countedOnce([...folds.values()].flatMap((fold) => fold.result(view) ?? []), view), actors };
  }

  /**
   * The incidents of `ids` as known at `asOf`, each survivor counting what was merged into it by then
   * (`countedOnce`); a merged one keeps its own tally. Which streams may hold such merges comes from
   * the read model (`merged_into`); whether each merge counts, from its own stream as known then.
   */
  private async foldIds(ids: readonly string[], at: bigint | undefined, window: WorldTime, view: TallyView, histories = this.historiesOnce()): Promise<IncidentAsOf[]> {
    const all = [...new Set([...ids, ...(await mergedInto(this.dataSource.manager, ids)).map(({ id }) => id)])];
    const streams = await Promise.all(all.map(histories));
    const known = all.flatMap((id, index) => {
      const fold = new IncidentAsOfFold(id, at, window);
      for (const event of streams[index]) fold.add(event);
      return fold.result(view) ?? [];
    });
    const counted = new Map([...known, ...countedOnce(known, view)].map((incident) => [incident.incidentId, incident]));
    return ids.flatMap((id) => counted.get(id) ?? []);
  }

  private async foldAll(at: bigint | undefined, foldOf: (incidentId: string) => IncidentAsOfFold, actors: ActorDirectory): Promise<void> {
    const actorEvents = actorReader();
    for await (const page of pagesOfAll(this.store)) {
      for (const event of page) {
        // Positions increase through `$all`, so nothing after the cut can be known at it.
        if (at !== undefined && event.position > at) return;
        if (event.stream.startsWith(INCIDENT_STREAM_PREFIX)) foldOf(incidentIdOf(event.stream)).add(event);
        else if (event.stream.startsWith(ACTOR_STREAM_PREFIX)) {
          const actorEvent = actorEvents.read(event);
          if (actorEvent !== undefined) actors.add(actorEvent);
        }
      }
    }
  }
}

/** Whether a grouping or filter reads the records' perpetrators or the attached actors. */
export const byActor = (filter: IncidentFilter, groupBy: readonly GroupBy[]): boolean =>
  groupBy.includes('ACTOR') || filter.actorId !== undefined || filter.actorType !== undefined;

const groupableOf = (incident: KnownIncident, attribution: Attribution, actorIds: readonly string[]): Groupable => ({
  ...incident,
  country: incident.fields.location.country,
  admin1: incident.fields.location.admin1,
  category: incident.fields.category,
  occurredAt: incident.fields.occurredAt,
  attribution,
  actorIds,
});

function parseQuery(query: TallyTimeQuery): { asOf: AsOf | undefined; window: WorldTime } {
  return {
    asOf: query.asOf === undefined ? undefined : parseAsOf(query.asOf),
    window: parseWorldTime(query.occurredFrom, query.occurredTo),
  };
}
