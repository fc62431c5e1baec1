import { parseTime } from '../../../common/input-values.js';
import type { SelectQueryBuilder } from 'typeorm';
import { INCIDENT_STREAM_PREFIX } from '../../../event-store/stream-names.js';
import { INCIDENTS_PROJECTION } from '../incidents.projection.js';
import type { ActorDirectory } from '../../../actors/domain/actor-directory.js';
import type { ActorType } from '../../../actors/domain/actor-events.js';
import { type Attribution, involvedActors } from '../../domain/attribution.js';
import type { ActorRole, Category, IncidentFields, IncidentStatus } from '../../domain/events.js';
import type { Tally } from '../../domain/tally.js';
import { timeWindowOf, withinWindow, type TimeBound, type TimeWindow } from '../../domain/local-date.js';
import type { IncidentSummaryRow } from './incident-summary.entity.js';
import { involvements } from './involvements.js';

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
 * `occurredFrom`/`occurredTo` validated (`InvalidInput` naming the field) as a window: a bare date
 * stands for its whole local day, so `occurredTo=2019-11-30` includes that evening at −06:00.
 */
export const parseWorldTime = (occurredFrom: string | undefined, occurredTo: string | undefined): TimeWindow =>
  timeWindowOf(
    occurredFrom === undefined ? undefined : parseTime(occurredFrom, 'occurredFrom'),
    occurredTo === undefined ? undefined : parseTime(occurredTo, 'occurredTo'),
  );

const worldWindow = ({ occurredFrom, occurredTo }: IncidentFilter): TimeWindow => parseWorldTime(occurredFrom, occurredTo);

/** What the filter reads of an incident folded from history; `actorIds` are the actors it involves (`involvedActors`). */
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
 * The same filter in memory, for incidents folded from history (as-of queries) rather than read from
 * the table; involved actors are matched as their survivors in `actors`, the registry as known then.
 * `test/read-models/incident-filter.int-spec.ts` holds it and `filtered` to the same answer.
 */
export function matchesFilter(incident: FilterableIncident, filter: IncidentFilter, actors: ActorDirectory): boolean {
  const { country, admin1, status, category, actorId, actorType } = filter;
  return (
    (country === undefined || incident.country === country.toUpperCase()) &&
    (admin1 === undefined || incident.admin1 === admin1) &&
    (status === undefined || incident.status === status) &&
    (category === undefined || incident.category === category) &&
    withinWindow(incident.occurredAt, worldWindow(filter)) &&
    (actorId === undefined || incident.actorIds.some((id) => actors.survivorOf(id) === actors.survivorOf(actorId))) &&
    (actorType === undefined || incident.actorIds.some((id) => actors.typeOf(id) === actorType))
  );
}

/** `withinWindow`'s comparison of one bound in SQL: a local date against `occurred_on`, an instant against `occurred_at`. */
const boundCondition = (bound: TimeBound, operator: '>=' | '<=', name: string): [string, Record<string, unknown>] =>
  'date' in bound
    ? [`s.occurred_on ${operator} :${name}::date`, { [name]: bound.date }]
    : [`s.occurred_at ${operator} :${name}::timestamptz`, { [name]: new Date(bound.instant).toISOString() }];

/**
 * Adds the filter's conditions (each backed by an index of `incident_summaries`). Lists and tallies
 * leave quarantined incidents out: their rows are not current (their own reads answer 503 saying
 * why; `/health` and `verify` name them). They leave merged incidents out too: their records count
 * under the survivor (docs/merge.md), whose row holds them.
 */
export function filtered(query: SelectQueryBuilder<IncidentSummaryRow>, filter: IncidentFilter): SelectQueryBuilder<IncidentSummaryRow> {
  const { country, admin1, status, category } = filter;
  const { from, to } = worldWindow(filter);
  query.andWhere(
    'NOT EXISTS (SELECT FROM projection_quarantine q WHERE q.projection = :projection AND q.stream = :streamPrefix::text || s.incident_id::text)',
    { projection: INCIDENTS_PROJECTION, streamPrefix: INCIDENT_STREAM_PREFIX },
  );
  query.andWhere('s.merged_into IS NULL');
  if (country !== undefined) query.andWhere('s.country = :country', { country: country.toUpperCase() });
  if (admin1 !== undefined) query.andWhere('s.admin1 = :admin1', { admin1 });
  if (status !== undefined) query.andWhere('s.status = :status', { status });
  if (category !== undefined) query.andWhere('s.category = :category', { category });
  if (from !== undefined) query.andWhere(...boundCondition(from, '>=', 'from'));
  if (to !== undefined) query.andWhere(...boundCondition(to, '<=', 'to'));
  if (filter.actorId !== undefined) {
    query.andWhere(`s.incident_id IN (${involving('sv.actor_id = (SELECT survivor_id FROM actors WHERE actor_id = :actorId::uuid)')})`, { actorId: filter.actorId });
  }
  if (filter.actorType !== undefined) query.andWhere(`s.incident_id IN (${involving('sv.actor_type = :actorType')})`, { actorType: filter.actorType });
  return query;
}

/** The incidents that involve an actor whose survivor `sv` meets `condition` (`involvements`). */
const involving = (condition: string): string => `SELECT incident_id FROM (${involvements(condition)}) AS involved`;
