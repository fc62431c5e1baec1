import type { LedgerEntry, RecordLedger } from './record-ledger.js';

/**
 * docs/merge.md: a survivor counts its own records and those of every incident merged into it as one
 * ledger, so one source reporting the same attack in both counts once under docs/tallies.md's rules (its
 * cumulative statements replace, its increments add, its latest statement is the one that counts).
 * The merged incidents' records come first, in the order of their ids, each in its own recorded
 * order; the survivor's own come last, so on a party where both have sources, the survivor's latest
 * is `best`. Records of different incidents are different records, whatever their ids (a record id
 * is unique within its incident only, docs/domain.md): a merged incident's are keyed
 * `incidentId/recordId`, the survivor's by their ids.
 */
export function survivorLedger(own: RecordLedger, merged: ReadonlyMap<string, RecordLedger>): RecordLedger {
  if (merged.size === 0) return own;
  const ledger = new Map<string, LedgerEntry>();
  for (const id of [...merged.keys()].sort()) {
    for (const [recordId, entry] of merged.get(id)!) ledger.set(`${id}/${recordId}`, entry);
  }
  for (const [recordId, entry] of own) ledger.set(recordId, entry);
  return ledger;
}

/**
 * The incident `id` counts under: followed along `into` (merged incident → the one it was merged
 * into) to one that is not merged. Two merges decided at once on two streams could each name the
 * other (each decision read the other stream before the other's append): the path then ends
 * before it would come back, so every incident still has one survivor.
 */
export function survivorOf(id: string, into: ReadonlyMap<string, string>): string {
  const seen = new Set([id]);
  let survivor = id;
  for (let next = into.get(survivor); next !== undefined && !seen.has(next); next = into.get(survivor)) {
    seen.add(next);
    survivor = next;
  }
  return survivor;
}

/**
 * The incidents merged into each survivor, directly or along a chain (`survivorOf`), from `into`
 * (each merged incident → the one it was merged into), in `into`'s order.
 */
export function mergedBySurvivor(into: ReadonlyMap<string, string>): Map<string, string[]> {
  const merged = new Map<string, string[]>();
  for (const id of into.keys()) {
    const survivor = survivorOf(id, into);
    merged.set(survivor, [...(merged.get(survivor) ?? []), id]);
  }
  return merged;
}
