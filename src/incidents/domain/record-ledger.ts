import { isRecordEvent, type IncidentEvent, type RecordEvent } from './events.js';

/**
 * An incident's records by `recordId`, in the order they were recorded (a `Map` keeps insertion
 * order), each with its current count after corrections. Both the decider's state and the tally
 * fold events into this one structure, so they cannot disagree about what a record counts.
 */
export type LedgerEntry = Readonly<{
  record: RecordEvent;
  /** The recorded count, or the latest correction's; `undefined` for a note. */
  count: number | undefined;
  corrected: boolean;
  retracted: boolean;
}>;

export type RecordLedger = ReadonlyMap<string, LedgerEntry>;

const entryOf = (record: RecordEvent): LedgerEntry => ({
  record,
  count: record.type === 'TimelineNoteAdded' ? undefined : record.data.count,
  corrected: false,
  retracted: false,
});

/**
 * Applies one event to a mutable ledger; events that are not about records are ignored. Never
 * throws: a reused record id keeps the first record, a correction of an unknown record is ignored
 * (the decider rejects both, so only a hand-made stream could hold them).
 */
export function applyToLedger(ledger: Map<string, LedgerEntry>, event: IncidentEvent): void {
  if (isRecordEvent(event)) {
    if (!ledger.has(event.data.recordId)) ledger.set(event.data.recordId, entryOf(event));
    return;
  }
  // Stryker disable next-line ConditionalExpression: equivalent, the other events carry no record id, and looking up none finds no entry
  if (event.type !== 'RecordCorrected' && event.type !== 'RecordRetracted') return;
  const entry = ledger.get(event.data.recordId);
  if (entry === undefined) return;
  ledger.set(event.data.recordId, event.type === 'RecordCorrected' ? { ...entry, count: event.data.count, corrected: true } : { ...entry, retracted: true });
}

/** Whether the event changes the ledger (so `evolve` copies it only then). */
export const touchesLedger = (event: IncidentEvent): boolean =>
  isRecordEvent(event) || event.type === 'RecordCorrected' || event.type === 'RecordRetracted';

/** The ledger after the given events, in stream order. */
export function ledgerOf(events: Iterable<IncidentEvent>, from: RecordLedger = new Map()): RecordLedger {
  const ledger = new Map(from);
  for (const event of events) applyToLedger(ledger, event);
  return ledger;
}
