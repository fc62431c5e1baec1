import type { SelectQueryBuilder } from 'typeorm';
import { parseTimeBound } from '../../../common/input-values.js';
import { INCIDENT_STREAM_PREFIX } from '../../../event-store/stream-names.js';
import { INCIDENTS_PROJECTION } from '../incidents.projection.js';
import type { ActorDirectory } from '../../../actors/domain/actor-directory.js';
import type { ActorType } from '../../../actors/domain/actor-events.js';
import type { IncidentStatus } from '../../domain/events.js';
import type { IncidentSummaryRow } from './incident-summary.entity.js';

/**
 * SPEC §5's incident filters; `occurredFrom`/`occurredTo` are inclusive ISO-8601 bounds on world time,
 * a bare date standing for its whole day (`parseTimeBound`, as in as-of folds).
 */
export interface IncidentFilter {
  readonly country?: string;
  readonly admin1?: string;
  readonly status?: IncidentStatus;
  readonly occurredFrom?: string;
  readonly occurredTo?: string;
  /** SPEC §6.2: incidents with this actor in any role, or an actor merged into the same survivor. */
  readonly actorId?: string;
  /** SPEC §6.2: incidents with an actor of this type (as its survivor) in any role. */
  readonly actorType?: ActorType;
}

const worldWindow = ({ occurredFrom, occurredTo }: IncidentFilter): { from?: Date; to?: Date } => ({
  from: occurredFrom === undefined ? undefined : parseTimeBound(occurredFrom, 'occurredFrom', 'start'),
  to: occurredTo === undefined ? undefined : parseTimeBound(occurredTo, 'occurredTo', 'end'),
});

/**
 * The same filter in memory, for incidents folded from history (as-of queries) rather than read from
 * the table; attached actors are matched as their survivors in `actors`, the registry as known then.
 */
export function matchesFilter(
  incident: { country: string; admin1: string; status: IncidentStatus; occurredAt: Date; actorIds: readonly string[] },
  filter: IncidentFilter,
  actors: ActorDirectory,
): boolean {
  const { country, admin1, status, actorId, actorType } = filter;
  const { from, to } = worldWindow(filter);
  const time = incident.occurredAt.getTime();
  return (
    (country === undefined || incident.country === country.toUpperCase()) &&
    (admin1 === undefined || incident.admin1 === admin1) &&
    (status === undefined || incident.status === status) &&
    (from === undefined || time >= from.getTime()) &&
    (to === undefined || time <= to.getTime()) &&
    (actorId === undefined || incident.actorIds.some((id) => actors.survivorOf(id) === actors.survivorOf(actorId))) &&
    (actorType === undefined || incident.actorIds.some((id) => actors.typeOf(id) === actorType))
  );
}

/**
 * Adds the filter's conditions (each backed by an index of `incident_summaries`). Lists and tallies
 * leave quarantined incidents out: their rows are not current (their own reads answer 503 saying
 * why; `/health` and `verify` name them).
 */
export function filtered(query: SelectQueryBuilder<IncidentSummaryRow>, filter: IncidentFilter): SelectQueryBuilder<IncidentSummaryRow> {
  const { country, admin1, status } = filter;
  const { from, to } = worldWindow(filter);
  query.andWhere(
    'NOT EXISTS (SELECT FROM projection_quarantine q WHERE q.projection = :projection AND q.stream = :streamPrefix::text || s.incident_id::text)',
    { projection: INCIDENTS_PROJECTION, streamPrefix: INCIDENT_STREAM_PREFIX },
  );
  if (country !== undefined) query.andWhere('s.country = :country', { country: country.toUpperCase() });
  if (admin1 !== undefined) query.andWhere('s.admin1 = :admin1', { admin1 });
  if (status !== undefined) query.andWhere('s.status = :status', { status });
  if (from !== undefined) query.andWhere('s.occurredAt >= :from', { from });
  if (to !== undefined) query.andWhere('s.occurredAt <= :to', { to });
  // Attached actors are matched as their survivors, so a merge brings the merged actor's incidents along.
  const attached = 'EXISTS (SELECT FROM incident_actors ia JOIN actors a USING (actor_id) JOIN actors sv ON sv.actor_id = a.survivor_id WHERE ia.incident_id = s.incident_id AND';
  if (filter.actorId !== undefined) query.andWhere(`${attached} sv.actor_id = (SELECT survivor_id FROM actors WHERE actor_id = :actorId::uuid))`, { actorId: filter.actorId });
  if (filter.actorType !== undefined) query.andWhere(`${attached} sv.actor_type = :actorType)`, { actorType: filter.actorType });
  return query;
}
