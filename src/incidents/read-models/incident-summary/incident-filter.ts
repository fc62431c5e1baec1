import { parseTime } from '../../../common/input-values.js';
import { InvalidInput } from '../../../common/invalid-input.js';
import type { SelectQueryBuilder } from 'typeorm';
import { INCIDENT_STREAM_PREFIX } from '../../../event-store/stream-names.js';
import { notQuarantined } from '../../../projections/quarantine.js';
import { INCIDENTS_PROJECTION } from '../incidents.projection.js';
import { type IncidentFilter, INVERTED_WINDOW, invertedWindow } from '../../domain/incident-filter.js';
import { timeWindowOf, type TimeBound, type TimeWindow } from '../../domain/local-date.js';
import type { IncidentSummaryRow } from './incident-summary.entity.js';
import { involvements } from './involvements.js';

/**
 * `occurredFrom`/`occurredTo` validated (`InvalidInput` naming the field) as a window: a bare date
 * stands for its whole local day, so `occurredTo=2019-11-30` includes that evening at −06:00. A
 * window that ends before it starts (`invertedWindow`) is refused, naming `occurredTo`. The filter's
 * inputs check it first (`windowEndRules`), so that GraphQL names it inside the filter.
 */
export function parseWorldTime(occurredFrom: string | undefined, occurredTo: string | undefined): TimeWindow {
  const from = occurredFrom === undefined ? undefined : parseTime(occurredFrom, 'occurredFrom');
  const to = occurredTo === undefined ? undefined : parseTime(occurredTo, 'occurredTo');
  if (invertedWindow(from, to)) throw new InvalidInput([{ field: 'occurredTo', message: INVERTED_WINDOW }]);
  return timeWindowOf(from, to);
}

const worldWindow = ({ occurredFrom, occurredTo }: IncidentFilter): TimeWindow => parseWorldTime(occurredFrom, occurredTo);

/** `withinWindow`'s comparison of one bound in SQL: a local date against `occurred_on`, an instant against `occurred_at`. */
const boundCondition = (bound: TimeBound, operator: '>=' | '<=', name: string): [string, Record<string, unknown>] =>
  'date' in bound
    ? [`s.occurred_on ${operator} :${name}::date`, { [name]: bound.date }]
    : [`s.occurred_at ${operator} :${name}::timestamptz`, { [name]: new Date(bound.instant).toISOString() }];

/**
 * The domain's `matchesFilter` in SQL (held to it by `test/read-models/filter-and-groups-property.int-spec.ts`):
 * adds the filter's conditions, each backed by an index of `incident_summaries`. Lists and tallies
 * leave quarantined incidents out: their rows are not current (their own reads answer 503 saying
 * why; `/health` and `verify` name them). They leave merged incidents out too: their records count
 * under the survivor (docs/merge.md), whose row holds them.
 */
export function filtered(query: SelectQueryBuilder<IncidentSummaryRow>, filter: IncidentFilter): SelectQueryBuilder<IncidentSummaryRow> {
  const { country, admin1, status, category } = filter;
  const { from, to } = worldWindow(filter);
  query.andWhere(notQuarantined(INCIDENTS_PROJECTION, INCIDENT_STREAM_PREFIX, 's.incident_id'));
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
