/** Numbers and dates for the reader's locale. */

/** The reader's locale (the browser's language). */
const locale = (): string => (typeof navigator === 'undefined' ? undefined : navigator.language) || 'en';

export const formatNumber = (value: number): string => new Intl.NumberFormat(locale()).format(value);

/** A number short enough for a chart axis: "950", "12K", "10M" (in the reader's locale). */
export const formatCompact = (value: number, inLocale = locale()): string => new Intl.NumberFormat(inLocale, { notation: 'compact' }).format(value);

/** "7" when low = best = high, else "17 (14–31)". */
export const formatFigure = ({ best, low, high }: { best: number; low: number; high: number }): string =>
  low === high ? formatNumber(best) : `${formatNumber(best)} (${formatNumber(low)}–${formatNumber(high)})`;

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/;

/**
 * A world time as its reporter gave it, to the precision given (docs/time-and-place.md): the calendar date and
 * clock time in the time's own offset, not converted to the reader's zone. `exact` "30 Nov 2019,
 * 12:00 (−06:00)", `day` "30 Nov 2019", `approximate` "~30 Nov 2019", `week` "week of 25 Nov 2019" (the
 * Monday of the ISO week), `month` "Nov 2019", `year` "2019". An unparsable value is shown as it is.
 */
export function formatWorldTime(iso: string, precision = 'exact', inLocale = locale()): string {
  const match = ISO.exec(iso);
  if (!match) return iso;
  const [, year, month, day, hour, minute, offset] = match;
  const instant = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour ?? 0), Number(minute ?? 0)));
  const format = (options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(inLocale, { timeZone: 'UTC', ...options }).format(instant);
  const date = format({ day: 'numeric', month: 'short', year: 'numeric' });
  switch (precision.toLowerCase()) {
    case 'year':
      return year!;
    case 'month':
      return format({ month: 'short', year: 'numeric' });
    case 'week': {
      // The ISO week starts on Monday (getUTCDay: Sunday 0 … Saturday 6).
      instant.setUTCDate(instant.getUTCDate() - ((instant.getUTCDay() + 6) % 7));
      return `week of ${format({ day: 'numeric', month: 'short', year: 'numeric' })}`;
    }
    case 'approximate':
      return `~${date}`;
    case 'day':
      return date;
    default: {
      if (hour === undefined) return date;
      const zone = offset === undefined || offset === 'Z' ? 'UTC' : offset.replace('-', '−');
      return `${format({ day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })} (${zone})`;
    }
  }
}

/** A store time (`recordedAt`, always UTC) in the reader's zone, to the second. */
export const formatRecordedAt = (iso: string): string =>
  new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'medium' }).format(new Date(iso));

/** `ARMED_GROUP` / `armed_group` → "armed group". */
export const label = (value: string): string => value.toLowerCase().replace(/_/g, ' ');

/**
 * User text (a place, a name, a note) set inside the page's own text, in a bidi isolate of its own
 * (U+2068 FIRST STRONG ISOLATE … U+2069 POP DIRECTIONAL ISOLATE, Unicode UAX #9): its direction
 * marks and overrides end with it, so they cannot reorder the labels around it. Isolate controls of
 * its own are dropped: a stray U+2069 would end the isolate early.
 */
export const isolated = (text: string): string => `\u2068${text.replace(ISOLATE_CONTROLS, '')}\u2069`;
/** U+2066–U+2069: an isolate initiator or terminator inside the text would pair with the ones around it. */
const ISOLATE_CONTROLS = /[\u2066-\u2069]/g;

/** Parts of a place, most precise first, each isolated: `Villa Unión, Coahuila, MX`. */
export const placeOf = (...parts: (string | null | undefined)[]): string =>
  parts
    .filter((part): part is string => Boolean(part))
    .map(isolated)
    .join(', ');
