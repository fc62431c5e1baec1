/**
 * What a world time means on the calendar (docs/time-and-place.md "Local dates"), the one rule every filter,
 * grouping, export and as-of fold uses. A time is kept as the reporter gave it, offset included;
 * its *local date* is the calendar date in that offset, as ACLED and UCDP date events: an attack at
 * `2019-11-30T23:30:00-06:00` happened on 30 November, although it was 1 December in UTC. A bare
 * date (`2019-11-30`) is that date.
 */

/** A calendar date, `YYYY-MM-DD`. */
export type LocalDate = string;

/** The largest offset from UTC a time may carry, ±14:00: the range of the world's time zones (UTC−12:00 to UTC+14:00), both ways. */
export const MAX_OFFSET_MINUTES = 14 * 60;

/** An ISO-8601 extended date, alone or followed by a time of day (which, with its offset, is local there). */
const DATED = /^(\d{4}-\d{2}-\d{2})(?:$|T)/;

/**
 * The local date of an ISO-8601 date or date-time as the transports accept it (`isTime`): an
 * extended date-time states the wall-clock date in its own offset, so it is its date part.
 * `RangeError` for text that does not start with a date.
 */
export function localDateOf(time: string): LocalDate {
  const dated = DATED.exec(time);
  if (dated === null) throw new RangeError(`${time} is not an ISO-8601 date or date-time`);
  return dated[1];
}

/** `YYYY-MM`, the month of `groupBy: MONTH`. */
export const localMonthOf = (time: string): string => localDateOf(time).slice(0, 7);

/** Whether `time` is a bare date (no time of day, no offset). */
export const isBareDate = (time: string): boolean => time.length === 10;

/**
 * One end of a window on world time (`occurredFrom`/`occurredTo`). A bare date compares local
 * dates, so it covers its whole local day wherever the event's offset put it; a date-time compares
 * instants (a bare-date event is at 00:00 UTC of its date then).
 */
export type TimeBound = { readonly date: LocalDate } | { readonly instant: number };

export const timeBoundOf = (value: string): TimeBound => (isBareDate(value) ? { date: value } : { instant: Date.parse(value) });

/** Both ends inclusive; an absent end is open. */
export type TimeWindow = { readonly from?: TimeBound; readonly to?: TimeBound };

export const timeWindowOf = (from: string | undefined, to: string | undefined): TimeWindow => ({
  ...(from === undefined ? {} : { from: timeBoundOf(from) }),
  ...(to === undefined ? {} : { to: timeBoundOf(to) }),
});

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/**
 * Whether no time can lie in `window` (both ends given): a bare-date end holds every time of that
 * local date, which, in some offset within ±14:00, runs from its 00:00 at +14:00 to its end at
 * −14:00; a date-time end is its instant. So two bare dates compare as dates, two date-times as
 * instants, and a mixed window is empty only if even those widest instants leave nothing between.
 */
export function emptyWindow({ from, to }: TimeWindow): boolean {
  if (from === undefined || to === undefined) return false;
  if ('date' in from && 'date' in to) return to.date < from.date;
  const earliest = 'date' in from ? Date.parse(`${from.date}T00:00:00Z`) - MAX_OFFSET_MINUTES * MINUTE_MS : from.instant;
  const latest = 'date' in to ? Date.parse(`${to.date}T00:00:00Z`) + DAY_MS - 1 + MAX_OFFSET_MINUTES * MINUTE_MS : to.instant;
  return latest < earliest;
}

/** Negative, zero or positive as `time` lies before, at or after `bound`. */
function compareToBound(time: string, bound: TimeBound): number {
  if ('instant' in bound) return Date.parse(time) - bound.instant;
  const date = localDateOf(time);
  return date < bound.date ? -1 : date > bound.date ? 1 : 0;
}

/** Whether a fact that occurred at `time` lies in `window`. */
export const withinWindow = (time: string, { from, to }: TimeWindow): boolean =>
  (from === undefined || compareToBound(time, from) >= 0) && (to === undefined || compareToBound(time, to) <= 0);

/**
 * Whether a date range ending at `until` ends before it starts at `start`: by local dates, which
 * exports and groupings date it by (`2019-11-30` to `2019-11-30T08:00:00-06:00` is one day's range;
 * `2019-12-07T01:00:00+14:00` to `2019-12-06T23:00:00-12:00` ends a local day before it starts,
 * though a day later), and by instants too when both are date-times.
 */
export const endsBeforeStart = (start: string, until: string): boolean =>
  localDateOf(until) < localDateOf(start) || (!isBareDate(start) && !isBareDate(until) && Date.parse(until) < Date.parse(start));
