import { OUTCOMES, PARTIES, type Outcome, type Party, type RecordEvent } from './events.js';
import type { HostageTally, PartyFigure, Tally } from './tally.js';

/**
 * What changed between two tallies of the same incidents (an auditor's "what changed between then
 * and then"): every party figure, hostage line and count whose value differs, with its value before
 * and after (`null`: the tally had no such line). Applying the changes to `before` gives `after`.
 */
export type CasualtyChange = Readonly<{ outcome: Outcome; party: Party; before: PartyFigure | null; after: PartyFigure | null }>;
export type HostageChange = Readonly<{ party: Party; before: HostageTally | null; after: HostageTally | null }>;
export const COUNTS = ['vehiclesSeized', 'weaponsSeized', 'arrests'] as const;
export type Count = (typeof COUNTS)[number];
export type CountChange = Readonly<{ figure: Count; before: number; after: number }>;
export type TallyDiff = Readonly<{ casualties: readonly CasualtyChange[]; hostages: readonly HostageChange[]; counts: readonly CountChange[] }>;

/** The record type whose records make up each count (rule 4). */
export const COUNT_RECORDS: Readonly<Record<Count, RecordEvent['type']>> = { vehiclesSeized: 'VehiclesSeized', weaponsSeized: 'WeaponsSeized', arrests: 'ArrestsMade' };

// Tallies list parties, sources and counts in a fixed order, so equal lines serialize alike.
const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

export function diffTallies(before: Tally, after: Tally): TallyDiff {
  const casualties = OUTCOMES.flatMap((outcome) =>
    PARTIES.flatMap((party) => {
      const change = { outcome, party, before: before[outcome].byParty.find((p) => p.party === party) ?? null, after: after[outcome].byParty.find((p) => p.party === party) ?? null };
      return same(change.before, change.after) ? [] : [change];
    }),
  );
  const hostages = PARTIES.flatMap((party) => {
    const change = { party, before: before.hostages.find((h) => h.party === party) ?? null, after: after.hostages.find((h) => h.party === party) ?? null };
    return same(change.before, change.after) ? [] : [change];
  });
  const counts = COUNTS.flatMap((figure) => (before[figure] === after[figure] ? [] : [{ figure, before: before[figure], after: after[figure] }]));
  return { casualties, hostages, counts };
}
