import { Injectable } from '@nestjs/common';
import { EventStore } from '../../event-store/event-store.port.js';
import { INCIDENT_STREAM_PREFIX, incidentIdOf, incidentStream } from '../../event-store/stream-names.js';
import { SourceRegistryLog } from '../../sources/application/source-registry-log.js';
import type { BestPolicy } from '../domain/best-policy.js';
import { DomainError } from '../domain/domain-error.js';
import type { TallyView } from '../domain/tally.js';
import { type AsOf, IncidentAsOfFold, type IncidentAsOf, knownAt, parseAsOf, parseWorldTime, type WorldTime } from './as-of.js';
import { pagesOfAll, readWholeStream } from './event-pages.js';
import { matchesFilter, type IncidentFilter } from '../read-models/incident-summary/incident-filter.js';
import { groupTallies, type GroupBy, type TallyGroup } from '../read-models/incident-summary/tally-groups.queries.js';

/** The query's time arguments as they travel (SPEC §5): all optional, all combinable. */
export interface TallyTimeQuery {
  /** ISO-8601 time or decimal position: fold only what was recorded by then. */
  readonly asOf?: string;
  /** World time: count only records that occurred in this window (inclusive; a bare date is a whole day). */
  readonly occurredFrom?: string;
  readonly occurredTo?: string;
  /** Which source figure is `best` (SPEC §6.1); `LATEST` by default. */
  readonly bestPolicy?: BestPolicy;
}

/**
 * "What did we know at T" (SPEC §3 Time): tallies folded from the event history up to `asOf` with
 * the domain's one tally function, never from read models, so they hold for any past moment.
 */
@Injectable()
export class AsOfTallyService {
  constructor(
    private readonly store: EventStore,
    private readonly registry: SourceRegistryLog,
  ) {}

  /** One incident as known at `asOf`; `INCIDENT.NOT_FOUND` (404) when it did not exist yet (or at all). */
  async incident(incidentId: string, query: TallyTimeQuery = {}): Promise<IncidentAsOf> {
    const { asOf, window } = parseQuery(query);
    const fold = new IncidentAsOfFold(incidentId, asOf, window);
    for (const event of await readWholeStream(this.store, incidentStream(incidentId))) fold.add(event);
    const found = fold.result(await this.view(asOf, query.bestPolicy));
    if (found === undefined) throw new DomainError('INCIDENT.NOT_FOUND', `Incident ${incidentId} ${asOf ? 'did not exist as of then' : 'does not exist'}`);
    return found;
  }

  /**
   * Every incident (or those of `incidentIds`) as known at `asOf`, in order of opening (or of the
   * ids); incidents that did not exist then are left out. Without ids it folds `$all` (up to the
   * position, for a position `asOf`) page by page, keeping one folded state per incident.
   */
  async incidents(query: TallyTimeQuery & { readonly incidentIds?: readonly string[] } = {}): Promise<IncidentAsOf[]> {
    const { asOf, window } = parseQuery(query);
    const folds = new Map<string, IncidentAsOfFold>();
    const foldOf = (incidentId: string): IncidentAsOfFold => {
      if (!folds.has(incidentId)) folds.set(incidentId, new IncidentAsOfFold(incidentId, asOf, window));
      return folds.get(incidentId)!;
    };
    if (query.incidentIds) {
      const ids = [...new Set(query.incidentIds)];
      const streams = await Promise.all(ids.map((id) => readWholeStream(this.store, incidentStream(id))));
      ids.forEach((id, index) => streams[index].forEach((event) => foldOf(id).add(event)));
    } else {
      await this.foldAll(asOf, foldOf);
    }
    const view = await this.view(asOf, query.bestPolicy);
    return [...folds.values()].flatMap((fold) => fold.result(view) ?? []);
  }

  /** How tallies as of `asOf` read their sources: the policy, and the registry as known then (its events in `$all`). */
  private async view(asOf: AsOf | undefined, policy: BestPolicy | undefined): Promise<TallyView> {
    return { policy, directory: await this.registry.directory((event) => asOf === undefined || knownAt(event, asOf)) };
  }

  /** SPEC §5 `tallies(filter, groupBy, asOf)`: the incidents as known at `asOf`, filtered, grouped and summed. */
  async tallyGroups(filter: IncidentFilter, groupBy: readonly GroupBy[], asOf: string, bestPolicy?: BestPolicy): Promise<TallyGroup[]> {
    const known = (await this.incidents({ asOf, bestPolicy })).map(({ status, fields, tally }) => ({
      status,
      country: fields.location.country,
      admin1: fields.location.admin1,
      occurredAt: new Date(fields.occurredAt),
      tally,
    }));
    return groupTallies(known.filter((incident) => matchesFilter(incident, filter)), groupBy);
  }

  private async foldAll(asOf: AsOf | undefined, foldOf: (incidentId: string) => IncidentAsOfFold): Promise<void> {
    for await (const page of pagesOfAll(this.store)) {
      for (const event of page) {
        // Positions increase through `$all`, so nothing after a position cut can be known at it.
        if (asOf && 'position' in asOf && !knownAt(event, asOf)) return;
        if (event.stream.startsWith(INCIDENT_STREAM_PREFIX)) foldOf(incidentIdOf(event.stream)).add(event);
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
