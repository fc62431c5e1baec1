import { useEffect, useRef, useState } from 'react';
import uPlot from 'uplot';
import { talliesQuery } from '../api/documents';
import type { TallyGroup } from '../api/types';
import { formatCompact, formatFigure, formatNumber, formatWorldTime } from '../format';
import { type Period, withEmptyPeriods } from '../time-series';
import { useLiveQuery } from './use-change-feed';

/** docs/dashboard.md: killed over time (best, with the low–high spread as a band) and by region, for the filtered incidents. */
export function Charts({ filter, updates }: { filter: Record<string, string>; updates: number }) {
  const [period, setPeriod] = useState<Period>('MONTH');
  const overTime = useLiveQuery<{ tallies: TallyGroup[] }>(talliesQuery([period]), { filter }, updates);
  const byRegion = useLiveQuery<{ tallies: TallyGroup[] }>(talliesQuery(['COUNTRY', 'ADMIN1']), { filter }, updates);
  return (
    <div className="charts">
      <section aria-labelledby="time-heading" className="panel">
        <h2 id="time-heading">Killed by {period === 'DAY' ? 'day' : 'month'}</h2>
        <fieldset className="toggle">
          <legend className="visually-hidden">Period</legend>
          {(['DAY', 'MONTH'] as const).map((value) => (
            <label key={value}>
              <input type="radio" name="period" value={value} checked={period === value} onChange={() => setPeriod(value)} /> {value === 'DAY' ? 'Day' : 'Month'}
            </label>
          ))}
        </fieldset>
        {overTime.error && <p role="alert" className="error">{overTime.error}</p>}
        <TimeChart groups={overTime.data?.tallies ?? []} period={period} />
      </section>
      <section aria-labelledby="region-heading" className="panel">
        <h2 id="region-heading">Killed by region</h2>
        {byRegion.error && <p role="alert" className="error">{byRegion.error}</p>}
        <RegionBars groups={byRegion.data?.tallies ?? []} />
      </section>
    </div>
  );
}

const periodOf = (group: TallyGroup, period: Period) => (period === 'DAY' ? group.key.day : group.key.month) ?? '';
const DAY_SECONDS = 86_400;
const spanOf = (period: Period) => (period === 'DAY' ? 1 : 31) * DAY_SECONDS;
/** One period alone is centred in a span of three periods (uPlot would stretch it over years). */
const xScale = (times: ArrayLike<number>, period: Period): uPlot.Scale =>
  times.length === 1 ? { time: true, auto: false, range: [times[0]! - spanOf(period), times[0]! + spanOf(period)] } : { time: true };
/**
 * The steps between the x axis's ticks, in seconds, from which uPlot picks the smallest that leaves
 * labels 100 px apart at least: by month, ticks fall on whole days, months or years; from 30 days up
 * uPlot aligns them on months, from 365 days on years.
 */
const STEPS: Record<Period, number[]> = {
  DAY: [1, 2, 7, 14, 30, 60, 91, 182, 365, 730, 1825, 3650, 9125, 36500, 365000].map((days) => days * DAY_SECONDS),
  MONTH: [30, 60, 91, 182, 365, 730, 1825, 3650, 9125, 36500, 365000].map((days) => days * DAY_SECONDS),
};
/** A tick's label at the chart's period (a month's ticks are months: `Nov 2019`). */
const tickLabel = (seconds: number, period: Period) => formatWorldTime(new Date(seconds * 1000).toISOString().slice(0, 10), period === 'DAY' ? 'day' : 'month');
const secondsOf = (key: string) => Date.parse(key.length === 7 ? `${key}-01T00:00:00Z` : `${key}T00:00:00Z`) / 1000;

function TimeChart({ groups, period }: { groups: TallyGroup[]; period: Period }) {
  const element = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const rows = groups.filter((group) => periodOf(group, period)).sort((a, b) => periodOf(a, period).localeCompare(periodOf(b, period)));
    const points = withEmptyPeriods(
      rows.map((group) => ({ seconds: secondsOf(periodOf(group, period)), ...group.killed.total })),
      period,
    );
    const data: uPlot.AlignedData = [points.map((p) => p.seconds), points.map((p) => p.high), points.map((p) => p.best), points.map((p) => p.low)];
    const width = Math.max(280, element.current!.clientWidth);
    const plot = new uPlot(
      {
        width,
        height: 220,
        scales: { x: xScale(data[0], period), y: { range: (_u, _min, max) => [0, Math.max(1, max) * 1.1] } },
        axes: [
          { incrs: STEPS[period], space: 100, values: (_u, ticks) => ticks.map((tick) => tickLabel(tick, period)) },
          { values: (_u, ticks) => ticks.map((tick) => formatCompact(tick)) },
        ],
        series: [
          { value: (_u, seconds) => (seconds == null ? '' : tickLabel(seconds, period)) },
          { label: 'high', stroke: '#e8a09a', points: { show: false } },
          { label: 'best', stroke: '#b3261e', width: 2, points: { show: true, size: 7 } },
          { label: 'low', stroke: '#e8a09a', points: { show: false } },
        ],
        bands: [{ series: [1, 3], fill: 'rgba(179, 38, 30, 0.12)' }],
      },
      data,
      element.current!,
    );
    return () => plot.destroy();
  }, [groups, period]);
  const table = groups.filter((group) => periodOf(group, period));
  return (
    <figure>
      <div ref={element} className="time-chart" aria-hidden="true" />
      <figcaption className="visually-hidden">
        {table.map((group) => `${periodOf(group, period)}: ${formatFigure(group.killed.total)}`).join('; ')}
      </figcaption>
    </figure>
  );
}

/** One bar per region: the low–high spread as a light bar, best as the dark part. */
function RegionBars({ groups }: { groups: TallyGroup[] }) {
  const max = Math.max(1, ...groups.map((group) => group.killed.total.high));
  const sorted = [...groups].sort((a, b) => b.killed.total.best - a.killed.total.best);
  return (
    <ul className="bars">
      {sorted.map((group) => {
        const { best, low, high } = group.killed.total;
        const name = `${group.key.admin1 || '—'}, ${group.key.country}`;
        return (
          <li key={name}>
            <span className="bar-label">{name}</span>
            <span className="bar-track" aria-hidden="true">
              <span className="bar-spread" style={{ left: `${(low / max) * 100}%`, width: `${((high - low) / max) * 100}%` }} />
              <span className="bar-best" style={{ width: `${(best / max) * 100}%` }} />
            </span>
            <span className="bar-value">
              {formatFigure(group.killed.total)} <span className="muted">· {formatNumber(group.incidents)} incident{group.incidents === 1 ? '' : 's'}</span>
            </span>
          </li>
        );
      })}
    </ul>
  );
}
