import type { SelectQueryBuilder } from 'typeorm';
import { INCIDENT_STREAM_PREFIX } from '../../../event-store/stream-names.js';
import { INCIDENTS_PROJECTION } from '../incidents.projection.js';
import type { IncidentStatus } from '../../domain/events.js';
import type { IncidentSummaryRow } from './incident-summary.entity.js';

/** SPEC §5's incident filters; `occurredFrom`/`occurredTo` are inclusive ISO-8601 bounds on world time. */
export interface IncidentFilter {
  readonly country?: string;
  readonly admin1?: string;
  readonly status?: IncidentStatus;
  readonly occurredFrom?: string;
  readonly occurredTo?: string;
}

/** The same filter in memory, for incidents folded from history (as-of queries) rather than read from the table. */
export function matchesFilter(incident: { country: string; admin1: string; status: IncidentStatus; occurredAt: Date }, filter: IncidentFilter): boolean {
  const { country, admin1, status, occurredFrom, occurredTo } = filter;
  const time = incident.occurredAt.getTime();
  return (
    (country === undefined || incident.country === country.toUpperCase()) &&
    (admin1 === undefined || incident.admin1 === admin1) &&
    (status === undefined || incident.status === status) &&
    (occurredFrom === undefined || time >= Date.parse(occurredFrom)) &&
    (occurredTo === undefined || time <= Date.parse(occurredTo))
  );
}

/**
 * Adds the filter's conditions (each backed by an index of `incident_summaries`). Lists and tallies
 * leave quarantined incidents out: their rows are not current (their own reads answer 503 saying
 * why; `/health` and `verify` name them).
 */
export function filtered(query: SelectQueryBuilder<IncidentSummaryRow>, filter: IncidentFilter): SelectQueryBuilder<IncidentSummaryRow> {
  const { country, admin1, status, occurredFrom, occurredTo } = filter;
  query.andWhere(
    'NOT EXISTS (SELECT FROM projection_quarantine q WHERE q.projection = :projection AND q.stream = :streamPrefix::text || s.incident_id::text)',
    { projection: INCIDENTS_PROJECTION, streamPrefix: INCIDENT_STREAM_PREFIX },
  );
  if (country !== undefined) query.andWhere('s.country = :country', { country: country.toUpperCase() });
  if (admin1 !== undefined) query.andWhere('s.admin1 = :admin1', { admin1 });
  if (status !== undefined) query.andWhere('s.status = :status', { status });
  if (occurredFrom !== undefined) query.andWhere('s.occurredAt >= :occurredFrom', { occurredFrom });
  if (occurredTo !== undefined) query.andWhere('s.occurredAt <= :occurredTo', { occurredTo });
  return query;
}
