import type { SelectQueryBuilder } from 'typeorm';
import { parseTimeBound } from '../../../common/input-values.js';
import { INCIDENT_STREAM_PREFIX } from '../../../event-store/stream-names.js';
import { INCIDENTS_PROJECTION } from '../incidents.projection.js';
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
}

const worldWindow = ({ occurredFrom, occurredTo }: IncidentFilter): { from?: Date; to?: Date } => ({
  from: occurredFrom === undefined ? undefined : parseTimeBound(occurredFrom, 'occurredFrom', 'start'),
  to: occurredTo === undefined ? undefined : parseTimeBound(occurredTo, 'occurredTo', 'end'),
});

/** The same filter in memory, for incidents folded from history (as-of queries) rather than read from the table. */
export function matchesFilter(incident: { country: string; admin1: string; status: IncidentStatus; occurredAt: Date }, filter: IncidentFilter): boolean {
  const { country, admin1, status } = filter;
  const { from, to } = worldWindow(filter);
  const time = incident.occurredAt.getTime();
  return (
    (country === undefined || incident.country === country.toUpperCase()) &&
    (admin1 === undefined || incident.admin1 === admin1) &&
    (status === undefined || incident.status === status) &&
    (from === undefined || time >= from.getTime()) &&
    (to === undefined || time <= to.getTime())
  );
}

/**
 * Adds the filter's conditions (each backed by an index of `incident_summaries`). Lists and tallies
 * leave quarantined incidents out: their rows are not current (their own reads answer 503 saying
 * why; `/health` and `verify` name them). They leave merged incidents out too: their records count
 * under the survivor (SPEC §6.2), whose row holds them.
 */
export function filtered(query: SelectQueryBuilder<IncidentSummaryRow>, filter: IncidentFilter): SelectQueryBuilder<IncidentSummaryRow> {
  const { country, admin1, status } = filter;
  const { from, to } = worldWindow(filter);
  query.andWhere(
    'NOT EXISTS (SELECT FROM projection_quarantine q WHERE q.projection = :projection AND q.stream = :streamPrefix::text || s.incident_id::text)',
    { projection: INCIDENTS_PROJECTION, streamPrefix: INCIDENT_STREAM_PREFIX },
  );
  query.andWhere('s.merged_into IS NULL');
  if (country !== undefined) query.andWhere('s.country = :country', { country: country.toUpperCase() });
  if (admin1 !== undefined) query.andWhere('s.admin1 = :admin1', { admin1 });
  if (status !== undefined) query.andWhere('s.status = :status', { status });
  if (from !== undefined) query.andWhere('s.occurredAt >= :from', { from });
  if (to !== undefined) query.andWhere('s.occurredAt <= :to', { to });
  return query;
}
