import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EventStore } from '../../event-store/event-store.port.js';
import { ACTOR_STREAM_PREFIX, INCIDENT_STREAM_PREFIX, incidentIdOf, incidentStream } from '../../event-store/stream-names.js';
import { toActorEvent } from '../../actors/stored-events/actor-events.js';
import { ActorDirectory } from '../../actors/domain/actor-directory.js';
import { SourceRegistryLog } from '../../sources/stored-events/source-registry-log.js';
import type { BestPolicy } from '../domain/best-policy.js';
import { DomainError } from '../domain/domain-error.js';
import type { TallyView } from '../domain/tally.js';
import { type AsOf, countedOnce, IncidentAsOfFold, type IncidentAsOf, knownAt, parseAsOf, type WorldTime } from './as-of.js';
import { pagesOfAll } from '../../event-store/event-pages.js';
import { mergedInto } from '../read-models/incident-merges.js';
import { filterableOf, matchesFilter, type IncidentFilter } from '../domain/incident-filter.js';
import { groupTallies, type GroupBy, type TallyGroup } from '../domain/tally-groups.js';
import { parseWorldTime } from '../read-models/incident-summary/incident-filter.js';

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

/**
 * "What did we know at T" (docs/tallies.md "As of a moment, within a window"): tallies folded from the event history up to `asOf` with
 * the domain's one tally function, never from read models, so they hold for any past moment.
 */
@Injectable()
export class AsOfTallyService {
  constructor(
    private readonly store: EventStore,
    private readonly dataSource: DataSource,
    private readonly registry: SourceRegistryLog,
  ) {}

  /** One incident as known at `asOf`; `INCIDENT.NOT_FOUND` (404) when it did not exist yet (or at all). */
  async incident(incidentId: string, query: TallyTimeQuery = {}): Promise<IncidentAsOf> {
    const { asOf, window } = parseQuery(query);
    const [found] = await this.foldIds([incidentId], asOf, window, await this.view(asOf, query.bestPolicy));
    if (found === undefined) throw new DomainError('INCIDENT.NOT_FOUND', `Incident ${incidentId} ${asOf ? 'did not exist as of then' : 'does not exist'}`);
    return found;
  }

  /**
   * Every incident (or those of `incidentIds`) as known at `asOf`, in order of opening (or of the
   * ids); incidents that did not exist then are left out. Without ids it folds `$all` (up to the
   * position, for a position `asOf`) page by page, keeping one folded state per incident, and counts
   * each attack once: incidents merged by then count under their survivor (`countedOnce`).
   */
  async incidents(query: TallyTimeQuery & { readonly incidentIds?: readonly string[] } = {}): Promise<IncidentAsOf[]> {
    return (await this.known(query)).incidents;
  }

  /** `incidents`, with the actor registry as known then (empty with `incidentIds`: only `$all` is folded for it, in position order). */
  async known(query: TallyTimeQuery & { readonly incidentIds?: readonly string[] } = {}): Promise<{ incidents: IncidentAsOf[]; actors: ActorDirectory }> {
    const { asOf, window } = parseQuery(query);
    const actors = new ActorDirectory();
    const view = await this.view(asOf, query.bestPolicy);
    if (query.incidentIds) return { incidents: await this.foldIds([...new Set(query.incidentIds)], asOf, window, view), actors };
    const folds = new Map<string, IncidentAsOfFold>();
    const foldOf = (incidentId: string): IncidentAsOfFold => {
      if (!folds.has(incidentId)) folds.set(incidentId, new IncidentAsOfFold(incidentId, asOf, window));
      return folds.get(incidentId)!;
    };
    await this.foldAll(asOf, foldOf, actors);
    return { incidents: countedOnce([...folds.values()].flatMap((fold) => fold.result(view) ?? []), view), actors };
  }

  /** How tallies as of `asOf` read their sources: the policy, and the registry as known then (its events in `$all`). */
  private async view(asOf: AsOf | undefined, policy: BestPolicy | undefined): Promise<TallyView> {
    return { policy, directory: await this.registry.directory((event) => asOf === undefined || knownAt(event, asOf)) };
  }

  /** docs/api.md `tallies(filter, groupBy, asOf)`: the incidents as known at `asOf`, filtered, grouped and summed. */
  async tallyGroups(filter: IncidentFilter, groupBy: readonly GroupBy[], asOf: string, bestPolicy?: BestPolicy): Promise<TallyGroup[]> {
    const { incidents, actors } = await this.known({ asOf, bestPolicy });
    const known = incidents.filter((incident) => matchesFilter(filterableOf(incident), filter, actors));
    return groupTallies(known.map(({ fields, tally, attribution }) => ({ ...fields.location, occurredAt: fields.occurredAt, tally, attribution })), groupBy, actors);
  }

  /**
   * The incidents of `ids` as known at `asOf`, each survivor counting what was merged into it by then
   * (`countedOnce`); a merged one keeps its own tally. Which streams may hold such merges comes from
   * the read model (`merged_into`); whether each merge counts, from its own stream as known then.
   */
  private async foldIds(ids: readonly string[], asOf: AsOf | undefined, window: WorldTime, view: TallyView): Promise<IncidentAsOf[]> {
    const all = [...new Set([...ids, ...(await mergedInto(this.dataSource.manager, ids)).map(({ id }) => id)])];
    const streams = await Promise.all(all.map((id) => this.store.readStreamIfAny(incidentStream(id))));
    const known = all.flatMap((id, index) => {
      const fold = new IncidentAsOfFold(id, asOf, window);
      for (const event of streams[index]) fold.add(event);
      return fold.result(view) ?? [];
    });
    const counted = new Map([...known, ...countedOnce(known, view)].map((incident) => [incident.incidentId, incident]));
    return ids.flatMap((id) => counted.get(id) ?? []);
  }

  private async foldAll(asOf: AsOf | undefined, foldOf: (incidentId: string) => IncidentAsOfFold, actors: ActorDirectory): Promise<void> {
    for await (const page of pagesOfAll(this.store)) {
      for (const event of page) {
        // Positions increase through `$all`, so nothing after a position cut can be known at it.
        if (asOf && 'position' in asOf && !knownAt(event, asOf)) return;
        if (event.stream.startsWith(INCIDENT_STREAM_PREFIX)) foldOf(incidentIdOf(event.stream)).add(event);
        else if (event.stream.startsWith(ACTOR_STREAM_PREFIX) && (asOf === undefined || knownAt(event, asOf))) actors.add(toActorEvent(event));
      }
    }
  }
}

function parseQuery(query: TallyTimeQuery): { asOf: AsOf | undefined; window: WorldTime } {
  return {
    asOf: query.asOf === undefined || query.asOf === '' ? undefined : parseAsOf(query.asOf),
    window: parseWorldTime(query.occurredFrom || undefined, query.occurredTo || undefined),
  };
}
