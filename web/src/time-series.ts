/** A period of the time chart: a calendar day or month (UTC dates of world time, as `groupBy` keys them). */
export type Period = 'DAY' | 'MONTH';

/** One point of the chart: the start of its period (Unix seconds) and its killed figure. */
export interface PeriodPoint {
  readonly seconds: number;
  readonly high: number;
  readonly best: number;
  readonly low: number;
}

/** The start of the period `step` periods after the one starting at `seconds` (before it when negative). */
export function periodAfter(seconds: number, period: Period, step: 1 | -1): number {
  if (period === 'DAY') return seconds + step * 86_400;
  const date = new Date(seconds * 1000);
  // setUTCFullYear, not Date.UTC, which reads years 0–99 as 1900–1999.
  return new Date(0).setUTCFullYear(date.getUTCFullYear(), date.getUTCMonth() + step, 1) / 1000;
}

/**
 * The points of periods that have incidents, in order, with the periods between them that have none
 * drawn as 0, not as a line across: a run of empty periods gets a 0 at each of its ends (a flat line
 * at 0 between), however long it is, so a history of centuries costs at most three points per period shown.
 */
export function withEmptyPeriods(points: readonly PeriodPoint[], period: Period): PeriodPoint[] {
  const zero = (seconds: number): PeriodPoint => ({ seconds, high: 0, best: 0, low: 0 });
  return points.flatMap((point, index) => {
    const next = points[index + 1];
    if (next === undefined) return [point];
    const firstEmpty = periodAfter(point.seconds, period, 1);
    if (firstEmpty >= next.seconds) return [point];
    const lastEmpty = periodAfter(next.seconds, period, -1);
    return lastEmpty > firstEmpty ? [point, zero(firstEmpty), zero(lastEmpty)] : [point, zero(firstEmpty)];
  });
}
