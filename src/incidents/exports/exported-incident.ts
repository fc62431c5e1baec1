import type { IncidentAsOf } from '../audit/as-of.js';
import type { ActorDirectory } from '../../actors/domain/actor-directory.js';
import { distinctAttachments } from '../../actors/domain/attached-actors.js';
import type { ActorRole, Category, DatePrecision, GeoPrecision, IncidentStatus } from '../domain/events.js';
import type { Tally } from '../domain/tally.js';
import type { IncidentSummaryRow } from '../read-models/incident-summary/incident-summary.entity.js';
import type { IncidentView } from '../read-models/incident-summary/incident.view.js';

/** What every export format is computed from: an incident's fields and tally, from the read model or as known at `asOf`. */
export type ExportedIncident = Pick<
  IncidentView,
  'incidentId' | 'title' | 'category' | 'occurredAt' | 'datePrecision' | 'occurredUntil' | 'status' | 'description' | 'tags'
> &
  IncidentView['location'] & {
    readonly tally: Tally;
    /** The incident's actors (as their survivors' names), in the order they were attached. */
    readonly actors: readonly ExportedActor[];
  };

/** An actor of the incident as its survivor: `id` and `name` the survivor's. */
export type ExportedActor = { readonly id: string; readonly name: string; readonly role: ActorRole };

/** Columns of `incident_summaries` an export reads, as node-postgres returns them from a raw statement. */
export type ExportedSummaryRow = Pick<IncidentSummaryRow, 'title' | 'category' | 'status' | 'country' | 'admin1' | 'admin2' | 'place' | 'lat' | 'lon' | 'description' | 'tags' | 'tally'> & {
  readonly incident_id: string;
  readonly occurred_at_as_given: string;
  readonly date_precision: string;
  readonly occurred_until: string | null;
  readonly geo_precision: string;
  readonly actors: ExportedActor[];
};

/**
 * The `actors` column of an export's statement: the actors of the incident and of the incidents
 * merged into it, as their survivors, in the order attached, as a JSON array (`exportedOfRow` keeps
 * each once per role).
 */
export const EXPORTED_ACTORS_SQL = `(WITH RECURSIVE members(member_id) AS (
    SELECT s.incident_id UNION SELECT m.incident_id FROM incident_summaries m JOIN members ON m.merged_into = members.member_id)
  SELECT coalesce(json_agg(json_build_object('id', sv.actor_id, 'name', sv.name, 'role', ia.role) ORDER BY ia.position), '[]')
  FROM members JOIN incident_actors ia ON ia.incident_id = members.member_id JOIN actors a USING (actor_id) JOIN actors sv ON sv.actor_id = a.survivor_id)`;

export const EXPORTED_SUMMARY_COLUMNS = [
  'incident_id',
  'title',
  'category',
  'occurred_at_as_given',
  'date_precision',
  'occurred_until',
  'status',
  'country',
  'admin1',
  'admin2',
  'place',
  'lat',
  'lon',
  'geo_precision',
  'description',
  'tags',
  'tally',
] as const;

export const exportedOfRow = (row: ExportedSummaryRow): ExportedIncident => ({
  incidentId: row.incident_id,
  title: row.title,
  category: row.category as Category,
  occurredAt: row.occurred_at_as_given,
  datePrecision: row.date_precision as DatePrecision,
  occurredUntil: row.occurred_until,
  status: row.status as IncidentStatus,
  country: row.country,
  admin1: row.admin1,
  admin2: row.admin2,
  place: row.place,
  lat: row.lat,
  lon: row.lon,
  geoPrecision: row.geo_precision as GeoPrecision,
  description: row.description,
  tags: row.tags,
  tally: row.tally,
  actors: distinctAttachments(row.actors, ({ id }) => id),
});

export const exportedOfAsOf = ({ incidentId, fields, status, tally, actors }: IncidentAsOf, known: ActorDirectory): ExportedIncident => ({
  incidentId,
  title: fields.title,
  category: fields.category,
  occurredAt: fields.occurredAt,
  datePrecision: fields.datePrecision,
  occurredUntil: fields.occurredUntil ?? null,
  status,
  ...fields.location,
  lat: fields.location.lat ?? null,
  lon: fields.location.lon ?? null,
  description: fields.description,
  tags: fields.tags,
  tally,
  actors: distinctAttachments(
    [...actors].map(([actorId, role]) => ({ id: known.survivorOf(actorId), name: known.nameOf(actorId) ?? actorId, role })),
    ({ id }) => id,
  ),
});

/** Export order: oldest `occurredAt` instant first, then incident id (the order of the read model's cursor). */
export const byOccurrence = (a: ExportedIncident, b: ExportedIncident): number =>
  Date.parse(a.occurredAt) - Date.parse(b.occurredAt) || (a.incidentId < b.incidentId ? -1 : a.incidentId > b.incidentId ? 1 : 0);
