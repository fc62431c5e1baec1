import type { SelectQueryBuilder } from 'typeorm';
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

/** Adds the filter's conditions (each backed by an index of `incident_summaries`). */
export function filtered(query: SelectQueryBuilder<IncidentSummaryRow>, filter: IncidentFilter): SelectQueryBuilder<IncidentSummaryRow> {
  const { country, admin1, status, occurredFrom, occurredTo } = filter;
  if (country !== undefined) query.andWhere('s.country = :country', { country: country.toUpperCase() });
  if (admin1 !== undefined) query.andWhere('s.admin1 = :admin1', { admin1 });
  if (status !== undefined) query.andWhere('s.status = :status', { status });
  if (occurredFrom !== undefined) query.andWhere('s.occurredAt >= :occurredFrom', { occurredFrom });
  if (occurredTo !== undefined) query.andWhere('s.occurredAt <= :occurredTo', { occurredTo });
  return query;
}
