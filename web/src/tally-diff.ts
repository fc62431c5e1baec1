import type { CasualtyTally, Figure, Hostages, Tally } from './api/types';

/** One figure that differs between two tallies: `what` names it, `before`/`after` are its values. */
export interface FigureChange {
  what: string;
  before: number;
  after: number;
}

const EMPTY_FIGURE: Figure = { best: 0, low: 0, high: 0 };
const words = (value: string) => value.toLowerCase().replace(/_/g, ' ');

function casualtyChanges(outcome: string, before: CasualtyTally | undefined, after: CasualtyTally): FigureChange[] {
  const parties = new Set([...(before?.byParty ?? []), ...after.byParty].map((figure) => figure.party));
  const figureOf = (tally: CasualtyTally | undefined, party: string): Figure => tally?.byParty.find((figure) => figure.party === party) ?? EMPTY_FIGURE;
  return [...parties].flatMap((party) =>
    (['best', 'low', 'high'] as const)
      .map((kind) => ({ what: `${outcome}, ${words(party)}, ${kind}`, before: figureOf(before, party)[kind], after: figureOf(after, party)[kind] }))
      .filter((change) => change.before !== change.after),
  );
}

function hostageChanges(before: Hostages[], after: Hostages[]): FigureChange[] {
  const parties = new Set([...before, ...after].map((row) => row.party));
  const rowOf = (rows: Hostages[], party: string) => rows.find((row) => row.party === party);
  return [...parties].flatMap((party) =>
    (['taken', 'released', 'killed', 'held'] as const)
      .map((kind) => ({ what: `hostages, ${words(party)}, ${kind}`, before: rowOf(before, party)?.[kind] ?? 0, after: rowOf(after, party)?.[kind] ?? 0 }))
      .filter((change) => change.before !== change.after),
  );
}

/**
 * What differs from `before` (undefined: nothing known yet) to `after`: per party and outcome each
 * of best/low/high, hostages per party, and the seizure and arrest counts. Unchanged figures are left out.
 */
export function tallyChanges(before: Tally | undefined, after: Tally): FigureChange[] {
  const counts = (['vehiclesSeized', 'weaponsSeized', 'arrests'] as const)
    .map((kind) => ({ what: words(kind.replace(/([A-Z])/g, ' $1')), before: before?.[kind] ?? 0, after: after[kind] }))
    .filter((change) => change.before !== change.after);
  return [
    ...casualtyChanges('killed', before?.killed, after.killed),
    ...casualtyChanges('injured', before?.injured, after.injured),
    ...hostageChanges(before?.hostages ?? [], after.hostages),
    ...counts,
  ];
}
