import type { CasualtyTally, Figure, Hostages, PartyFigure, Tally } from './api/types';

/**
 * One figure that differs between two tallies, or whose per-source figures moved (a retracted 0 that
 * removes a source's row leaves the figure as it was): `what` names it; a count is a figure whose
 * best = low = high.
 */
export interface FigureChange {
  what: string;
  before: Figure;
  after: Figure;
  /** A party figure's per-source figures that moved (`null`: the source had none); absent when none did. */
  sources?: { name: string; before: number | null; after: number | null }[];
}

const EMPTY_FIGURE: Figure = { best: 0, low: 0, high: 0 };
const words = (value: string) => value.toLowerCase().replace(/_/g, ' ');
const count = (value: number): Figure => ({ best: value, low: value, high: value });
const differ = (a: Figure, b: Figure) => a.best !== b.best || a.low !== b.low || a.high !== b.high;

function sourceChanges(before: PartyFigure | undefined, after: PartyFigure | undefined): FigureChange['sources'] {
  const figures = (party: PartyFigure | undefined) => new Map((party?.sources ?? []).map((source) => [source.name, source.figure]));
  const [from, to] = [figures(before), figures(after)];
  const moved = [...new Set([...from.keys(), ...to.keys()])]
    .map((name) => ({ name, before: from.get(name) ?? null, after: to.get(name) ?? null }))
    .filter((source) => source.before !== source.after);
  return moved.length ? moved : undefined;
}

function casualtyChanges(outcome: string, before: CasualtyTally | undefined, after: CasualtyTally): FigureChange[] {
  const parties = new Set([...(before?.byParty ?? []), ...after.byParty].map((figure) => figure.party));
  const partyOf = (tally: CasualtyTally | undefined, party: string) => tally?.byParty.find((figure) => figure.party === party);
  const figure = ({ best, low, high }: Figure = EMPTY_FIGURE): Figure => ({ best, low, high });
  return [...parties]
    .map((party) => {
      const [from, to] = [partyOf(before, party), partyOf(after, party)];
      return { what: `${outcome}, ${words(party)}`, before: figure(from), after: figure(to), sources: sourceChanges(from, to) };
    })
    .filter((change) => differ(change.before, change.after) || change.sources !== undefined);
}

function hostageChanges(before: Hostages[], after: Hostages[]): FigureChange[] {
  const parties = new Set([...before, ...after].map((row) => row.party));
  const rowOf = (rows: Hostages[], party: string) => rows.find((row) => row.party === party);
  return [...parties].flatMap((party) =>
    (['taken', 'released', 'killed', 'held'] as const)
      .map((kind) => ({ what: `hostages, ${words(party)}, ${kind}`, before: count(rowOf(before, party)?.[kind] ?? 0), after: count(rowOf(after, party)?.[kind] ?? 0) }))
      .filter((change) => differ(change.before, change.after)),
  );
}

/**
 * What differs from `before` (undefined: nothing known yet) to `after`: the figure (best, low, high)
 * per party and outcome, hostages per party, and the seizure and arrest counts. Unchanged ones are left out.
 */
export function tallyChanges(before: Tally | undefined, after: Tally): FigureChange[] {
  const counts = (['vehiclesSeized', 'weaponsSeized', 'arrests'] as const)
    .map((kind) => ({ what: words(kind.replace(/([A-Z])/g, ' $1')), before: count(before?.[kind] ?? 0), after: count(after[kind]) }))
    .filter((change) => differ(change.before, change.after));
  return [
    ...casualtyChanges('killed', before?.killed, after.killed),
    ...casualtyChanges('injured', before?.injured, after.injured),
    ...hostageChanges(before?.hostages ?? [], after.hostages),
    ...counts,
  ];
}
