import type { BulkWrite } from '../../../projections/bulk-write.js';
import type { JsonObject } from '../../../event-store/event-store.port.js';
import { schemaVersionOf, toIncidentEvent } from '../../stored-events/incident-events.js';
import type { RecordEvent } from '../../domain/events.js';
import type { LedgerEntry } from '../../domain/record-ledger.js';
import { summaryOf } from '../../domain/summary.js';

export const WRITE_RECORDS: BulkWrite = {
  table: 'incident_records',
  columns: {
    incident_id: 'uuid',
    record_id: 'uuid',
    seq: 'integer',
    type: 'text',
    data: 'json',
    occurred_at: 'timestamptz',
    date_precision: 'text',
    recorded_at: 'timestamptz',
    source_name: 'text',
    source_kind: 'text',
    party: 'text',
    outcome: 'text',
    count: 'integer',
    corrected: 'boolean',
    retracted: 'boolean',
    summary: 'text',
    perpetrator_actor_id: 'uuid',
  },
  // A record's facts never change; corrections and retractions change these.
  upsert: { key: ['incident_id', 'record_id'], update: ['count', 'corrected', 'retracted', 'summary'] },
};

/** A record row as read back by the projection to refold the ledger. */
export interface StoredRecord {
  readonly incident_id: string;
  readonly record_id: string;
  readonly type: string;
  readonly data: JsonObject;
  readonly count: number | null;
  readonly corrected: boolean;
  readonly retracted: boolean;
  readonly recorded_at: Date;
}

export const LOAD_RECORDS = `
  SELECT incident_id, record_id, type, data, count, corrected, retracted, recorded_at
  FROM incident_records WHERE incident_id = ANY($1::uuid[]) ORDER BY incident_id, seq`;

/**
 * The ledger entry a stored row holds. Rows keep a record's data already upcast, i.e. at the current
 * schema version (a new version means a rebuild), so `toIncidentEvent` is told so and upcasts nothing.
 */
export const ledgerEntryOf = (row: StoredRecord): LedgerEntry => ({
  record: toIncidentEvent({ type: row.type, data: row.data, metadata: { schemaVersion: schemaVersionOf(row.type) } }) as RecordEvent,
  count: row.count ?? undefined,
  corrected: row.corrected,
  retracted: row.retracted,
});

export type RecordRow = ReturnType<typeof recordRowOf>;

export function recordRowOf(incidentId: string, seq: number, entry: LedgerEntry, recordedAt: Date) {
  const { record, count } = entry;
  const data = record.data as RecordEvent['data'] & { party?: string; outcome?: string; perpetratorActorId?: string };
  return {
    incident_id: incidentId,
    record_id: data.recordId,
    seq,
    type: record.type,
    data,
    occurred_at: data.occurredAt,
    date_precision: data.datePrecision,
    recorded_at: recordedAt.toISOString(),
    source_name: data.source.name,
    source_kind: data.source.kind,
    party: data.party ?? null,
    outcome: data.outcome ?? null,
    count: count ?? null,
    corrected: entry.corrected,
    retracted: entry.retracted,
    summary: summaryOf(record, count),
    perpetrator_actor_id: data.perpetratorActorId ?? null,
  };
}
