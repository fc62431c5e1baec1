import type { LedgerEntry, RecordLedger } from './record-ledger.js';

/**
 * SPEC §6.2: a survivor counts its own records and those of every incident merged into it as one
 * ledger, so one source reporting the same attack in both counts once under SPEC §3's rules (its
 * cumulative statements replace, its increments add, its latest statement is the one that counts).
 * The merged incidents' records come first, in the order of their ids, each in its own recorded
 * order; the survivor's own come last, so on a party where both have sources, the survivor's latest
 * is `best`. A record id found twice keeps its first entry.
 */
export function survivorLedger(own: RecordLedger, merged: ReadonlyMap<string, RecordLedger>): RecordLedger {
  if (merged.size === 0) return own;
  const ledger = new Map<string, LedgerEntry>();
  const ids = [...merged.keys()].sort();
  for (const part of [...ids.map((id) => merged.get(id)!), own]) {
    for (const [recordId, entry] of part) if (!ledger.has(recordId)) ledger.set(recordId, entry);
  }
  return ledger;
}
