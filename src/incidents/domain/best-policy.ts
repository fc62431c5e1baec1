import { RELIABILITIES, type Reliability } from '../../sources/domain/events.js';

/**
 * docs/sources.md "Best-figure policies": which source figure of a (party, outcome) is `best`.
 * - `LATEST` (docs/tallies.md rule 2, the default): the source that reported on the pair last;
 * - `MOST_RELIABLE`: the source with the best registered reliability (`A` first; an unrated source
 *   ranks below `F`); ties go to the one that reported last;
 * - `CONSERVATIVE`: the lowest figure (= `low`, as ACLED counts);
 * - `MEDIAN`: the lower median of the source figures (of n sorted figures, the ⌈n/2⌉-th).
 * Where several sources give the chosen figure, `bestSource` is the one that reported last.
 */
export const BEST_POLICIES = ['LATEST', 'MOST_RELIABLE', 'CONSERVATIVE', 'MEDIAN'] as const;
export type BestPolicy = (typeof BEST_POLICIES)[number];
export const DEFAULT_BEST_POLICY: BestPolicy = 'LATEST';

/** A source's folded figure on one pair, with when it last reported on it (`lastIndex`, higher = later) and its reliability. */
export type Candidate = Readonly<{ name: string; figure: number; lastIndex: number; reliability: Reliability | undefined }>;

export type Best = Readonly<{ best: number; bestSource: string }>;

const rank = (reliability: Reliability | undefined): number => (reliability === undefined ? RELIABILITIES.length : RELIABILITIES.indexOf(reliability));

const latestOf = (candidates: readonly Candidate[]): Candidate => candidates.reduce((a, b) => (b.lastIndex > a.lastIndex ? b : a));

/** The latest of the candidates giving `figure`. */
const giving = (candidates: readonly Candidate[], figure: number): Candidate => latestOf(candidates.filter((c) => c.figure === figure));

/** `best` and `bestSource` under `policy`, from a pair's (non-empty) source figures. */
export function bestOf(policy: BestPolicy, candidates: readonly Candidate[]): Best {
  const chosen = choose(policy, candidates);
  return { best: chosen.figure, bestSource: chosen.name };
}

function choose(policy: BestPolicy, candidates: readonly Candidate[]): Candidate {
  switch (policy) {
    case 'LATEST':
      return latestOf(candidates);
    case 'MOST_RELIABLE': {
      const top = Math.min(...candidates.map((c) => rank(c.reliability)));
      return latestOf(candidates.filter((c) => rank(c.reliability) === top));
    }
    case 'CONSERVATIVE':
      return giving(candidates, Math.min(...candidates.map((c) => c.figure)));
    case 'MEDIAN': {
      const sorted = candidates.map((c) => c.figure).sort((a, b) => a - b);
      return giving(candidates, sorted[Math.floor((sorted.length - 1) / 2)]);
    }
  }
}
