import type { EntityManager } from 'typeorm';
import { survivorLedger } from '../../domain/merged-ledger.js';
import type { LedgerEntry, RecordLedger } from '../../domain/record-ledger.js';
import { ledgerEntryOf, type StoredRecord } from '../incident-records/incident-record.rows.js';

/**
 * The ledgers `merged` (each survivor → the incidents merged into it by position `cut`, directly or
 * along a chain) count as known at the cut: the survivor's own records and theirs, as one ledger
 * (`survivorLedger`, docs/merge.md). The temporal versions hold each incident's own figures only, so
 * the ledgers are built from the rows, in two index reads for all: each record's facts as stored
 * (`incident_records`, in `seq` order) that had a change by the cut (`temporal_record_changes`: a
 * report, correction or retraction), with the count, correction and retraction its changes up to
 * the cut left it. Records that change no figure (notes) have no changes and no tally reads them.
 * The property tests hold the answers built on them to the fold of the events.
 */
export async function survivorLedgers(manager: EntityManager, merged: ReadonlyMap<string, readonly string[]>, cut: bigint): Promise<Map<string, RecordLedger>> {
  const ids = [...new Set([...merged].flat(2))];
  const rows = (await manager.query(
    `SELECT r.incident_id, r.record_id, r.type, r.data, r.recorded_at, c.count, c.corrected, c.retracted
     FROM (SELECT incident_id, record_id, (array_agg(count ORDER BY position DESC))[1]::integer AS count,
             bool_or(change = 'corrected') AS corrected, bool_or(change = 'retracted') AS retracted
           FROM temporal_record_changes WHERE incident_id = ANY($1::uuid[]) AND position <= $2 GROUP BY incident_id, record_id) c
     JOIN incident_records r USING (incident_id, record_id)
     ORDER BY r.incident_id, r.seq`,
    [ids, cut.toString()],
  )) as StoredRecord[];
  const records = new Map<string, Map<string, LedgerEntry>>(ids.map((id) => [id, new Map()]));
  for (const row of rows) records.get(row.incident_id)!.set(row.record_id, ledgerEntryOf(row));
  return new Map([...merged].map(([survivor, parts]) => [survivor, survivorLedger(records.get(survivor)!, new Map(parts.map((id) => [id, records.get(id)!])))]));
}
