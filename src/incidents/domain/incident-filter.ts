import type { ActorDirectory } from '../../actors/domain/actor-directory.js';
import type { ActorType } from '../../actors/domain/actor-events.js';
import { type Attribution, involvedActors } from './attribution.js';
import type { ActorRole, Category, IncidentFields, IncidentStatus } from './events.js';
import { emptyWindow, timeWindowOf, withinWindow } from './local-date.js';
import type { Tally } from './tally.js';

/**
 * docs/api.md's incident filters; `occurredFrom`/`occurredTo` are inclusive ISO-8601 bounds on world time
 * (`local-date.ts`): a bare date compares the incident's local date, so it covers its whole local
 * day; a date-time compares instants.
 */
export interface IncidentFilter {
  readonly country?: string;
  readonly admin1?: string;
  readonly status?: IncidentStatus;
  /** The incident's category (docs/domain.md's list; ACLED's event types). */
  readonly category?: Category;
  readonly occurredFrom?: string;
  readonly occurredTo?: string;
  /**
   * docs/actors.md: incidents that involve this actor, or an actor merged into the same survivor: attached
   * in any role, or the perpetrator one of its figures is attributed to (`involvedActors`).
   */
  readonly actorId?: string;
  /** docs/actors.md: incidents that involve an actor of this type (as its survivor), as `actorId` reads "involve". */
  readonly actorType?: ActorType;
}

/**
 * Whether a window (`occurredFrom`, `occurredTo`) ends before it starts, so that no incident could
 * lie in it (`emptyWindow`): refused, naming its end, with `INVERTED_WINDOW`.
 */
export const invertedWindow = (from: string | undefined, to: string | undefined): boolean => emptyWindow(timeWindowOf(from, to));
export const INVERTED_WINDOW = 'occurredTo must not be before occurredFrom';

/** What the filter reads of an incident; `actorIds` are the actors it involves (`involvedActors`). */
export type FilterableIncident = { country: string; admin1: string; status: IncidentStatus; category: Category; occurredAt: string; actorIds: readonly string[] };

/** An incident as known at some moment (its attached actors, tally and attribution), as the filter reads it. */
export const filterableOf = (incident: {
  status: IncidentStatus;
  fields: IncidentFields;
  actors: ReadonlyMap<string, ActorRole>;
  tally: Tally;
  attribution: Attribution;
}): FilterableIncident => ({
  status: incident.status,
  category: incident.fields.category,
  country: incident.fields.location.country,
  admin1: incident.fields.location.admin1,
  occurredAt: incident.fields.occurredAt,
  actorIds: involvedActors(incident.actors.keys(), incident.tally, incident.attribution),
});

/**
 * Whether `incident` meets every condition `filter` sets (a validated filter: its times are ISO-8601);
 * `country` in any case. Involved actors are matched as their survivors in `actors`, the registry as
 * known then. The read model's SQL (`filtered`, `incident-filter.ts` in read-models) re-expresses this
 * predicate; a property test holds the two to the same incidents for every filter field.
 */
export function matchesFilter(incident: FilterableIncident, filter: IncidentFilter, actors: Pick<ActorDirectory, 'survivorOf' | 'typeOf'>): boolean {
  const { country, admin1, status, category, occurredFrom, occurredTo, actorId, actorType } = filter;
  return (
    (country === undefined || incident.country === country.toUpperCase()) &&
    (admin1 === undefined || incident.admin1 === admin1) &&
    (status === undefined || incident.status === status) &&
    (category === undefined || incident.category === category) &&
    withinWindow(incident.occurredAt, timeWindowOf(occurredFrom, occurredTo)) &&
    (actorId === undefined || incident.actorIds.some((id) => actors.survivorOf(id) === actors.survivorOf(actorId))) &&
    (actorType === undefined || incident.actorIds.some((id) => actors.typeOf(id) === actorType))
  );
}
