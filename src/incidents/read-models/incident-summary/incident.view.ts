import type { IncidentActorView } from '../../../actors/read-models/actor.view.js';
import type { Category, DatePrecision, GeoPrecision, IncidentStatus } from '../../domain/events.js';
import type { Tally } from '../../domain/tally.js';
import type { IncidentLinkView } from '../incident-links/incident-link.queries.js';
import type { IncidentSummaryRow } from './incident-summary.entity.js';

/** docs/api.md's `Incident` as REST and GraphQL return it (`id` and `incidentId` carry the same value). */
export interface IncidentView {
  readonly id: string;
  readonly incidentId: string;
  readonly title: string;
  readonly category: Category;
  /** As the reporter gave it, offset included. */
  readonly occurredAt: string;
  readonly datePrecision: DatePrecision;
  readonly occurredUntil: string | null;
  readonly location: {
    readonly country: string;
    readonly admin1: string;
    readonly admin2: string;
    readonly place: string;
    readonly lat: number | null;
    readonly lon: number | null;
    readonly geoPrecision: GeoPrecision;
  };
  readonly description: string;
  readonly tags: readonly string[];
  readonly status: IncidentStatus;
  /** Stream revision the view includes, as for `If-Match`; a decimal string like every revision and position. */
  readonly revision: string;
  readonly tally: Tally;
  /** docs/merge.md: the survivor this incident was merged into (its `tally` stays its own), else null. */
  readonly mergedInto: string | null;
  /** docs/actors.md: the registry's actors in the incident, as their survivors, with their roles. */
  readonly actors: readonly IncidentActorView[];
}

/** The view with its links (docs/merge.md), as REST answers it; GraphQL resolves `links` only when asked. */
export type LinkedIncidentView = IncidentView & { readonly links: readonly IncidentLinkView[] };

export const incidentViewOf = (row: IncidentSummaryRow, actors: readonly IncidentActorView[]): IncidentView => ({
  id: row.incidentId,
  incidentId: row.incidentId,
  title: row.title,
  category: row.category as Category,
  occurredAt: row.occurredAtAsGiven,
  datePrecision: row.datePrecision as DatePrecision,
  occurredUntil: row.occurredUntil,
  location: { country: row.country, admin1: row.admin1, admin2: row.admin2, place: row.place, lat: row.lat, lon: row.lon, geoPrecision: row.geoPrecision as GeoPrecision },
  description: row.description,
  tags: row.tags,
  status: row.status as IncidentStatus,
  revision: row.revision,
  tally: row.tally,
  mergedInto: row.mergedInto,
  actors,
});

/**
 * An incident whose opening event the projection holds back (docs/quarantine.md), for a caller that
 * resolves only what its history answers (`id`, `tally(asOf:)`, `tallyDiff`): it has no read-model
 * row, so the view carries its id alone, and none of the other fields may be read.
 */
export const historyOnlyView = (id: string): IncidentView => ({ id, incidentId: id }) as IncidentView;
