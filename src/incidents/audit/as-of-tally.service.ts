import { Injectable } from '@nestjs/common';
import { EventStore, type RecordedEvent } from '../../event-store/event-store.port.js';
import { INCIDENT_STREAM_PREFIX, incidentIdOf, incidentStream } from '../../event-store/stream-names.js';
import { DomainError } from '../domain/domain-error.js';
import type { IncidentFields } from '../domain/events.js';
import { stateOf, type IncidentLifecycle } from '../domain/incident.js';
import { tallyOf, type Tally } from '../domain/tally.js';
import { toIncidentEvent } from '../application/incident-events.js';
import { knownAt, knownPrefix, parseAsOf, parseWorldTime, withinWorldTime, type AsOf, type WorldTime } from './as-of.js';
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
}

/** An incident as it was known at the query's `asOf`. */
export interface IncidentAsOf {
  readonly incidentId: string;
  readonly status: Exclude<IncidentLifecycle, 'none'>;
  readonly fields: IncidentFields;
  /** Revision and position of the last event known then. */
  readonly revision: bigint;
  readonly position: bigint;
  readonly tally: Tally;
}

/**
 * "What did we know at T" (SPEC §3 Time): tallies folded from the event history up to `asOf` with
 * the domain's one tally function, never from read models, so they hold for any past moment.
 */
@Injectable()
export class AsOfTallyService {
  constructor(private readonly store: EventStore) {}

  /** One incident as known at `asOf`; `INCIDENT.NOT_FOUND` (404) when it did not exist yet (or at all). */
  async incident(incidentId: string, query: TallyTimeQuery = {}): Promise<IncidentAsOf> {
    const { asOf, window } = parseQuery(query);
    const known = knownPrefix(await readWholeStream(this.store, incidentStream(incidentId)), asOf);
    const found = fold(incidentId, known, window);
    if (found === undefined) throw new DomainError('INCIDENT.NOT_FOUND', `Incident ${incidentId} ${asOf ? 'did not exist as of then' : 'does not exist'}`);
    return found;
  }

  /**
   * Every incident (or those of `incidentIds`) as known at `asOf`, in order of opening; incidents
   * that did not exist then are left out. Without ids it reads `$all` (up to the position, for a
   * position `asOf`) page by page, keeping only the incidents' histories in memory.
   */
  async incidents(query: TallyTimeQuery & { readonly incidentIds?: readonly string[] } = {}): Promise<IncidentAsOf[]> {
    const { asOf, window } = parseQuery(query);
    const histories = query.incidentIds
      ? await this.histories(query.incidentIds)
      : await this.allHistories(asOf);
    return [...histories].flatMap(([incidentId, events]) => fold(incidentId, knownPrefix(events, asOf), window) ?? []);
  }

  /** SPEC §5 `tallies(filter, groupBy, asOf)`: the incidents as known at `asOf`, filtered, grouped and summed. */
  async tallyGroups(filter: IncidentFilter, groupBy: readonly GroupBy[], asOf: string): Promise<TallyGroup[]> {
    const known = (await this.incidents({ asOf })).map(({ status, fields, tally }) => ({
      status,
      country: fields.location.country,
      admin1: fields.location.admin1,
      occurredAt: new Date(fields.occurredAt),
      tally,
    }));
    return groupTallies(known.filter((incident) => matchesFilter(incident, filter)), groupBy);
  }

  private async histories(incidentIds: readonly string[]): Promise<Map<string, RecordedEvent[]>> {
    const unique = [...new Set(incidentIds)];
    const streams = await Promise.all(unique.map((id) => readWholeStream(this.store, incidentStream(id))));
    return new Map(unique.map((id, index) => [id, streams[index]]));
  }

  private async allHistories(asOf: AsOf | undefined): Promise<Map<string, RecordedEvent[]>> {
    const histories = new Map<string, RecordedEvent[]>();
    for await (const page of pagesOfAll(this.store)) {
      for (const event of page) {
        // Positions increase through `$all`, so nothing after a position cut can be known at it.
        if (asOf && 'position' in asOf && !knownAt(event, asOf)) return histories;
        if (!event.stream.startsWith(INCIDENT_STREAM_PREFIX)) continue;
        const id = incidentIdOf(event.stream);
        const history = histories.get(id) ?? [];
        history.push(event);
        histories.set(id, history);
      }
    }
    return histories;
  }
}

function parseQuery(query: TallyTimeQuery): { asOf: AsOf | undefined; window: WorldTime } {
  return {
    asOf: query.asOf === undefined || query.asOf === '' ? undefined : parseAsOf(query.asOf),
    window: parseWorldTime(query.occurredFrom || undefined, query.occurredTo || undefined),
  };
}

function fold(incidentId: string, known: readonly RecordedEvent[], window: WorldTime): IncidentAsOf | undefined {
  const events = known.map(toIncidentEvent);
  const state = stateOf(events);
  if (state.status === 'none' || state.fields === undefined) return undefined;
  const last = known.at(-1)!;
  return {
    incidentId,
    status: state.status,
    fields: state.fields,
    revision: last.revision,
    position: last.position,
    tally: tallyOf(withinWorldTime(events, window)),
  };
}
