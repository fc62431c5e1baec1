import { sourceKey } from '../../sources/domain/source-key.js';
import type { Category } from './events.js';

/**
 * docs/merge.md duplicate candidates: how likely two incidents are one attack reported twice, scored
 * from what both record, each reason named with its weight. Pure, so the rule lives here once.
 */

/** Incidents further apart in world time than this are not the same attack. */
export const DUPLICATE_WINDOW_MS = 48 * 60 * 60 * 1000;

/** Each reason's share of the score; they sum to 1, so two incidents alike in every way score 1. */
export const REASON_WEIGHTS = {
  same_admin2: 0.35,
  within_48h: 0.25,
  same_category: 0.2,
  shared_sources: 0.2,
} as const;

export type DuplicateReasonCode = keyof typeof REASON_WEIGHTS;

/** A reason two incidents may be one: `weight` is what it adds to the score (0–1). */
export type DuplicateReason = Readonly<{ reason: DuplicateReasonCode; weight: number; detail: string }>;

/** What the score compares of an incident. `sources` are the names its live records cite. */
export type DuplicateTraits = Readonly<{
  country: string;
  admin2: string;
  occurredAt: string;
  category: Category;
  sources: readonly string[];
}>;

export type DuplicateScore = Readonly<{ score: number; reasons: readonly DuplicateReason[] }>;

/**
 * The score (0–1, the sum of the reasons' weights) and its reasons, strongest first:
 * `same_admin2` — same country and the same non-empty admin2; `within_48h` — occurred at most
 * `DUPLICATE_WINDOW_MS` apart (inclusive); `same_category`; `shared_sources` — weighted by the share
 * of the smaller source list that both cite, spellings of one source (`sourceKey`) counting as one.
 */
export function duplicateScore(a: DuplicateTraits, b: DuplicateTraits): DuplicateScore {
  const reasons: DuplicateReason[] = [];
  const add = (reason: DuplicateReasonCode, detail: string, share = 1) => reasons.push({ reason, weight: round(REASON_WEIGHTS[reason] * share), detail });
  if (a.admin2 !== '' && a.country === b.country && a.admin2 === b.admin2) add('same_admin2', `Both in ${a.admin2}, ${a.country}`);
  const apart = Math.abs(Date.parse(a.occurredAt) - Date.parse(b.occurredAt));
  if (apart <= DUPLICATE_WINDOW_MS) add('within_48h', `Occurred ${hours(apart)} apart`);
  if (a.category === b.category) add('same_category', `Both ${a.category}`);
  const [citedByA, citedByB] = [bySourceKey(a.sources), bySourceKey(b.sources)];
  const shared = [...citedByA].filter(([key]) => citedByB.has(key)).map(([, name]) => name).sort();
  if (shared.length > 0) {
    const smaller = Math.min(citedByA.size, citedByB.size);
    add('shared_sources', `Both cite ${shared.join(', ')}`, shared.length / smaller);
  }
  // Stryker disable next-line MethodExpression,ArrowFunction,ArithmeticOperator: equivalent while the weights keep the order reasons are added in (0.35, 0.25, 0.2, at most 0.2); the sort keeps strongest first if they change
  reasons.sort((x, y) => y.weight - x.weight);
  return { score: round(reasons.reduce((sum, { weight }) => sum + weight, 0)), reasons };
}

/** Each cited source once, by `sourceKey` (docs/sources.md source identity), under its first spelling. */
function bySourceKey(names: readonly string[]): Map<string, string> {
  const cited = new Map<string, string>();
  for (const name of names) {
    const key = sourceKey(name);
    if (!cited.has(key)) cited.set(key, name);
  }
  return cited;
}

/** Scores are shown to three decimals; rounding keeps equal evidence equal however it was summed. */
const round = (value: number): number => Math.round(value * 1000) / 1000;

const hours = (ms: number): string => {
  const h = ms / 3_600_000;
  return `${Number.isInteger(h) ? h : h.toFixed(1)} h`;
};
