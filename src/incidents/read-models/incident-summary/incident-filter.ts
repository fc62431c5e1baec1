import { parseTime } from '../../../common/input-values.js';
import type { SelectQueryBuilder } from 'typeorm';
import { INCIDENT_STREAM_PREFIX } from '../../../event-store/stream-names.js';
import { INCIDENTS_PROJECTION } from '../incidents.projection.js';
import type { IncidentStatus } from '../../domain/events.js';
import { timeWindowOf, withinWindow, type TimeBound, type TimeWindow } from '../../domain/local-date.js';
import type { IncidentSummaryRow } from './incident-summary.entity.js';

/**
 * SPEC §5's incident filters; `occurredFrom`/`occurredTo` are inclusive ISO-8601 bounds on world time
 * (`local-date.ts`): a bare date compares the incident's local date, so it covers its whole local
 * day; a date-time compares instants.
 */
export interface IncidentFilter {
  readonly country?: string;
  readonly admin1?: string;
  readonly status?: IncidentStatus;
  readonly occurredFrom?: string;
  readonly occurredTo?: string;
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

/**
 * The same filter in memory, for incidents folded from history (as-of queries) rather than read from the table;
 * `test/read-models/incident-filter.int-spec.ts` holds it and `filtered` to the same answer.
 */
export function matchesFilter(incident: { country: string; admin1: string; status: IncidentStatus; occurredAt: string }, filter: IncidentFilter): boolean {
  const { country, admin1, status } = filter;
  return (
    (country === undefined || incident.country === country.toUpperCase()) &&
    (admin1 === undefined || incident.admin1 === admin1) &&
    (status === undefined || incident.status === status) &&
    withinWindow(incident.occurredAt, worldWindow(filter))
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
  if (from !== undefined) query.andWhere(...boundCondition(from, '>=', 'from'));
  if (to !== undefined) query.andWhere(...boundCondition(to, '<=', 'to'));
  return query;
}
