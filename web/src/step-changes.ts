import { describeChange } from './api/changes';
import type { Change, Tally } from './api/types';
import { type FigureChange, tallyChanges } from './tally-diff';

/** A record a step recorded, corrected or retracted (the fields of `Incident.tallyDiff`'s `RecordChange` the page shows). */
export interface RecordChange {
  change: 'recorded' | 'corrected' | 'retracted';
  /** The record as first reported, e.g. "military killed: 8 in total — Federal security cabinet". */
  record: string;
  source: string | null;
  /** The record's count after the change (a retraction: none). */
  count: number | null;
  recordedAt: string;
}

export interface StepChanges {
  figures: FigureChange[];
  records: RecordChange[];
}

const sourceOf = (change: Change | undefined) => (change?.data.source as { name?: string } | undefined)?.name ?? null;
const countOf = (change: Change | undefined) => (typeof change?.data.count === 'number' ? change.data.count : null);

/**
 * What step `step` of the as-of slider changed: every figure before → after (with the per-source
 * figures that moved) and the record behind it. A correction or retraction names the record it
 * changes, found earlier in `changes` (the history the page loaded). Computed in the browser from
 * the as-of tallies on either side of the step (`before`: none before the first step); the one
 * place to ask `Incident.tallyDiff(from, to)` instead once the API has it.
 */
export function stepChanges(changes: readonly Change[], step: number, before: Tally | undefined, after: Tally): StepChanges {
  const change = changes[step]!;
  const recordId = change.data.recordId;
  const amends = change.type === 'RecordCorrected' || change.type === 'RecordRetracted';
  const original = amends ? changes.slice(0, step).find((earlier) => earlier.data.recordId === recordId && earlier !== change) : change;
  const record: RecordChange = {
    change: change.type === 'RecordCorrected' ? 'corrected' : change.type === 'RecordRetracted' ? 'retracted' : 'recorded',
    record: original ? describeChange(original) : describeChange(change),
    source: sourceOf(original),
    count: change.type === 'RecordRetracted' ? null : countOf(change),
    recordedAt: change.recordedAt,
  };
  return { figures: tallyChanges(before, after), records: [record] };
}
