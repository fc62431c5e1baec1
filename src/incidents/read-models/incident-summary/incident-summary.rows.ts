import type { BulkWrite } from '../../../projections/bulk-write.js';
import type { ActorRole, IncidentFields, IncidentStatus } from '../../domain/events.js';
import { localDateOf } from '../../domain/local-date.js';
import type { Tally } from '../../domain/tally.js';

export const SUMMARY_COLUMNS = {
  incident_id: 'uuid',
  revision: 'bigint',
  position: 'bigint',
  title: 'text',
  category: 'text',
  occurred_at: 'timestamptz',
  occurred_at_as_given: 'text',
  occurred_on: 'date',
  date_precision: 'text',
  occurred_until: 'text',
  country: 'text',
  admin1: 'text',
  admin2: 'text',
  place: 'text',
  lat: 'double precision',
  lon: 'double precision',
  geo_precision: 'text',
  description: 'text',
  tags: 'text[]',
  status: 'text',
  vehicles_seized: 'bigint',
  weapons_seized: 'bigint',
  arrests: 'bigint',
  tally: 'json',
  merged_into: 'uuid',
  actors: 'jsonb',
} as const;

type SummaryColumn = keyof typeof SUMMARY_COLUMNS;

export const WRITE_SUMMARIES: BulkWrite = {
  table: 'incident_summaries',
  columns: SUMMARY_COLUMNS,
  upsert: { key: ['incident_id'], update: (Object.keys(SUMMARY_COLUMNS) as SummaryColumn[]).filter((column) => column !== 'incident_id') },
};

/** A summary row as read back by the projection (node-postgres types). */
export type StoredSummary = Readonly<Record<Exclude<SummaryColumn, 'occurred_at_as_given' | 'occurred_until' | 'tags' | 'merged_into' | 'actors'>, unknown>> & {
  occurred_at_as_given: string;
  occurred_until: string | null;
  tags: string[];
  merged_into: string | null;
  actors: Record<string, ActorRole>;
};

export interface SummaryInput {
  readonly incidentId: string;
  readonly revision: bigint;
  readonly position: bigint;
  readonly fields: IncidentFields;
  readonly status: IncidentStatus;
  readonly tally: Tally;
  /** The survivor it was merged into (docs/merge.md); it then counts in no cross-incident tally. */
  readonly mergedInto?: string;
  /** The registry's actors attached to it, with their role. */
  readonly actors: ReadonlyMap<string, ActorRole>;
}

export type SummaryRow = ReturnType<typeof summaryRowOf>;

export const summaryRowOf = ({ incidentId, revision, position, fields, status, tally, mergedInto, actors }: SummaryInput) => ({
  incident_id: incidentId,
  revision: revision.toString(),
  position: position.toString(),
  title: fields.title,
  category: fields.category,
  occurred_at: fields.occurredAt,
  occurred_at_as_given: fields.occurredAt,
  occurred_on: localDateOf(fields.occurredAt),
  date_precision: fields.datePrecision,
  occurred_until: fields.occurredUntil ?? null,
  country: fields.location.country,
  admin1: fields.location.admin1,
  admin2: fields.location.admin2,
  place: fields.location.place,
  lat: fields.location.lat ?? null,
  lon: fields.location.lon ?? null,
  geo_precision: fields.location.geoPrecision,
  description: fields.description,
  tags: fields.tags,
  status,
  vehicles_seized: tally.vehiclesSeized,
  weapons_seized: tally.weaponsSeized,
  arrests: tally.arrests,
  tally,
  merged_into: mergedInto ?? null,
  actors: Object.fromEntries(actors),
});

/** The incident's fields as the domain state holds them, from its stored row. */
export function fieldsOf(row: StoredSummary): IncidentFields {
  const location = { country: row.country, admin1: row.admin1, admin2: row.admin2, place: row.place, geoPrecision: row.geo_precision } as IncidentFields['location'];
  return {
    title: row.title as string,
    category: row.category as IncidentFields['category'],
    occurredAt: row.occurred_at_as_given,
    datePrecision: row.date_precision as IncidentFields['datePrecision'],
    ...(row.occurred_until === null ? {} : { occurredUntil: row.occurred_until }),
    location: {
      ...location,
      ...(row.lat === null ? {} : { lat: row.lat as number }),
      ...(row.lon === null ? {} : { lon: row.lon as number }),
    },
    description: row.description as string,
    tags: row.tags,
  };
}
