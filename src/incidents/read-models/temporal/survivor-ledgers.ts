import type { EventStore } from '../../../event-store/event-store.port.js';
import { incidentStream } from '../../../event-store/stream-names.js';
import { stateOf } from '../../domain/incident.js';
import { survivorLedger } from '../../domain/merged-ledger.js';
import type { RecordLedger } from '../../domain/record-ledger.js';
import { toIncidentEvent } from '../../stored-events/incident-events.js';

/**
 * The ledgers `merged` (each survivor → the incidents merged into it by position `cut`, directly or
 * along a chain) count as known at the cut: the survivor's own records and theirs, as one ledger
 * (`survivorLedger`, docs/merge.md), folded from their streams up to the cut. The temporal versions
 * hold each incident's own figures only, so a survivor's tally as of a cut is folded.
 */
export async function survivorLedgers(store: EventStore, merged: ReadonlyMap<string, readonly string[]>, cut: bigint): Promise<Map<string, RecordLedger>> {
  const ids = [...new Set([...merged].flat(2))];
  const streams = await Promise.all(ids.map((id) => store.readStreamIfAny(incidentStream(id))));
  const records = new Map(ids.map((id, n) => [id, stateOf(streams[n].filter((event) => event.position <= cut).map(toIncidentEvent)).records]));
  return new Map([...merged].map(([survivor, parts]) => [survivor, survivorLedger(records.get(survivor)!, new Map(parts.map((id) => [id, records.get(id)!])))]));
}
