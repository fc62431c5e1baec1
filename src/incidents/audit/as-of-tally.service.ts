import { Injectable } from '@nestjs/common';
import { EventStore } from '../../event-store/event-store.port.js';
import { ProjectionPositions } from '../../projections/projection-positions.js';
import { INCIDENT_STREAM_PREFIX, incidentIdOf, incidentStream } from '../../event-store/stream-names.js';
import { DomainError } from '../domain/domain-error.js';
import { type AsOf, IncidentAsOfFold, type IncidentAsOf, knownAt, parseAsOf, parseWorldTime, type WorldTime } from './as-of.js';
import { pagesOfAll, readWholeStream } from './event-pages.js';
import { matchesFilter, type IncidentFilter } from '../read-models/incident-summary/incident-filter.js';
import { groupTallies, type GroupBy, type TallyGroup } from '../read-models/incident-summary/tally-groups.queries.js';
import { INCIDENTS_PROJECTION } from '../read-models/incidents.projection.js';
import { CONSISTENCY_WAIT_MS } from '../read-models/read-consistency.js';
import { type KnownIncident, TemporalTallies } from '../read-models/temporal/temporal-tallies.queries.js';

/** The query's time arguments as they travel (SPEC §5): all optional, all combinable. */
export interface TallyTimeQuery {
  /** ISO-8601 time or decimal position: fold only what was recorded by then. */
  readonly asOf?: string;
  /** World time: count only records that occurred in this window (inclusive; a bare date is a whole day). */
  readonly occurredFrom?: string;
  readonly occurredTo?: string;
}

/**
 * "What did we know at T" (SPEC §3 Time). An `asOf` alone is answered by the temporal read model
 * (`TemporalTallies`: the figure versions valid at the cut, an indexed query) once the projection
 * has reached the cut or the store's head, whichever comes first, so an answer never misses an
 * event the store had. With a world-time window (`occurredFrom`/`occurredTo`), which picks records
 * by their `occurredAt`, the incident's history is folded with the domain's tally function
 * (`IncidentAsOfFold`), which also stays the reference the temporal rows are tested against.
 */
@Injectable()
export class AsOfTallyService {
  constructor(
    private readonly store: EventStore,
    private readonly temporal: TemporalTallies,
    private readonly positions: ProjectionPositions,
  ) {}

  /** One incident as known at `asOf`; `INCIDENT.NOT_FOUND` (404) when it did not exist yet (or at all). */
  async incident(incidentId: string, query: TallyTimeQuery = {}): Promise<KnownIncident> {
    const [found] = await this.incidents({ ...query, incidentIds: [incidentId] });
    if (found === undefined) throw new DomainError('INCIDENT.NOT_FOUND', `Incident ${incidentId} ${query.asOf ? 'did not exist as of then' : 'does not exist'}`);
    return found;
  }

  /** Every incident (or those of `incidentIds`) as known at `asOf`; incidents that did not exist then are left out. */
  async incidents(query: TallyTimeQuery & { readonly incidentIds?: readonly string[] } = {}): Promise<KnownIncident[]> {
    const { asOf, window } = parseQuery(query);
    if (asOf === undefined || window.from !== undefined || window.to !== undefined) return this.folded(asOf, window, query.incidentIds);
    return this.temporal.incidents(await this.cutOf(asOf), query.incidentIds && [...new Set(query.incidentIds)]);
  }

  /** SPEC §5 `tallies(filter, groupBy, asOf)`: the incidents as known at `asOf`, filtered, grouped and summed. */
  async tallyGroups(filter: IncidentFilter, groupBy: readonly GroupBy[], asOf: string): Promise<TallyGroup[]> {
    return groupTallies(groupable(await this.incidents({ asOf })).filter((incident) => matchesFilter(incident, filter)), groupBy);
  }

  /**
   * The position `asOf` stands for, once the temporal rows hold everything the store had up to it:
   * at once when the projection is past the cut, else after waiting for it to reach the cut or the
   * store's head, whichever comes first.
   */
  async cutOf(asOf: AsOf): Promise<bigint> {
    if ('position' in asOf) {
      if ((await this.temporal.reached()) < asOf.position) await this.waitForHead(asOf.position);
      return asOf.position;
    }
    const known = await this.temporal.positionAt(asOf.time);
    if (known.settled) return known.position;
    await this.waitForHead();
    return (await this.temporal.positionAt(asOf.time)).position;
  }

  private async waitForHead(upTo?: bigint): Promise<void> {
    const head = await this.store.headPosition();
    const needed = upTo !== undefined && upTo < head ? upTo : head;
    if (needed > 0n) await this.positions.waitFor(INCIDENTS_PROJECTION, needed, CONSISTENCY_WAIT_MS);
  }

  /**
   * The reference: the incidents folded from their events as far as known at `asOf`, in order of
   * opening (or of the ids). Without ids it folds `$all` (up to the position, for a position
   * `asOf`) page by page, keeping one folded state per incident.
   */
  async folded(asOf: AsOf | undefined, window: WorldTime = {}, incidentIds?: readonly string[]): Promise<IncidentAsOf[]> {
    const folds = new Map<string, IncidentAsOfFold>();
    const foldOf = (incidentId: string): IncidentAsOfFold => {
      if (!folds.has(incidentId)) folds.set(incidentId, new IncidentAsOfFold(incidentId, asOf, window));
      return folds.get(incidentId)!;
    };
    if (incidentIds) {
      const ids = [...new Set(incidentIds)];
      const streams = await Promise.all(ids.map((id) => readWholeStream(this.store, incidentStream(id))));
      ids.forEach((id, index) => streams[index].forEach((event) => foldOf(id).add(event)));
    } else {
      await this.foldAll(asOf, foldOf);
    }
    return [...folds.values()].flatMap((fold) => fold.result() ?? []);
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

/** What grouping and filters read of an incident. */
export const groupable = (incidents: readonly KnownIncident[]) =>
  incidents.map(({ status, fields, tally }) => ({ status, country: fields.location.country, admin1: fields.location.admin1, occurredAt: new Date(fields.occurredAt), tally }));

function parseQuery(query: TallyTimeQuery): { asOf: AsOf | undefined; window: WorldTime } {
  return {
    asOf: query.asOf === undefined || query.asOf === '' ? undefined : parseAsOf(query.asOf),
    window: parseWorldTime(query.occurredFrom || undefined, query.occurredTo || undefined),
  };
}
