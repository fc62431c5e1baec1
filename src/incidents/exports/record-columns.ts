import type { JsonObject } from '../../event-store/event-store.port.js';
import type { Cell, Columns } from './csv-columns.js';

/** Columns of `incident_records` `records.csv` reads, as node-postgres returns them. */
export interface ExportedRecordRow {
  readonly incident_id: string;
  readonly record_id: string;
  readonly type: string;
  readonly data: JsonObject;
  readonly occurred_at: Date;
  readonly date_precision: string;
  readonly recorded_at: Date;
  readonly source_name: string;
  readonly source_kind: string;
  readonly party: string | null;
  readonly outcome: string | null;
  readonly count: number | null;
  /** The record's `perpetratorActorId` as the actor it answers as (its survivor), with that actor's name. */
  readonly perpetrator_actor_id: string | null;
  readonly perpetrator_name: string | null;
  readonly corrected: boolean;
  readonly retracted: boolean;
  readonly summary: string;
}

export const EXPORTED_RECORD_COLUMNS = ['incident_id', 'record_id', 'type', 'data', 'occurred_at', 'date_precision', 'recorded_at', 'source_name', 'source_kind', 'party', 'outcome', 'count', 'corrected', 'retracted', 'summary'] as const;

/** A field of the record's data as recorded (absent fields are empty cells). */
const field =
  (...path: string[]) =>
  (row: ExportedRecordRow): Cell => {
    const value = path.reduce<unknown>((at, key) => (at !== null && typeof at === 'object' ? (at as Record<string, unknown>)[key] : undefined), row.data);
    return typeof value === 'string' || typeof value === 'number' ? value : null;
  };

/** One row per record and note, in the order recorded; `count` is after corrections, `reported_count` as first recorded. */
export const RECORD_COLUMNS: Columns<ExportedRecordRow> = [
  ['incident_id', (row) => row.incident_id],
  ['record_id', (row) => row.record_id],
  ['type', (row) => row.type],
  ['occurred_at', field('occurredAt')],
  ['date_precision', (row) => row.date_precision],
  ['recorded_at', (row) => row.recorded_at.toISOString()],
  ['source_name', (row) => row.source_name],
  ['source_kind', (row) => row.source_kind],
  ['source_url', field('source', 'url')],
  ['source_published_at', field('source', 'publishedAt')],
  ['party', (row) => row.party],
  ['outcome', (row) => row.outcome],
  ['perpetrator_actor_id', (row) => row.perpetrator_actor_id],
  ['perpetrator_name', (row) => row.perpetrator_name],
  ['basis', field('basis')],
  ['how', field('how')],
  ['item_kind', (row) => field('vehicleKind')(row) ?? field('weaponKind')(row)],
  ['reported_count', field('count')],
  ['count', (row) => row.count],
  ['corrected', (row) => String(row.corrected)],
  ['retracted', (row) => String(row.retracted)],
  ['note', (row) => field('note')(row) ?? field('text')(row)],
  ['summary', (row) => row.summary],
];
