import { isUUID } from 'class-validator';
import { DateTime } from 'luxon';
import { InvalidInput } from './invalid-input.js';
import { MAX_OFFSET_MINUTES } from '../incidents/domain/local-date.js';

export { isStorableText, parseDecimal, textMessage } from './plain-values.js';

/**
 * The one parser per kind of client value (times, text, ids, positions), shared by REST bodies,
 * query strings and path parameters, GraphQL arguments, cursors and the CLI, so that whatever one
 * transport accepts fits every layer after it: the event store, the projection, PostgreSQL and JS
 * `Date`. `is*` answer whether a value is acceptable; `parse*` return the value to use or throw
 * `InvalidInput` (400) naming `field`. Rules and their reasons: docs/input-values.md.
 */

const YEARS = { min: 1000, max: 9999 } as const;

/**
 * The accepted shapes: a calendar date, or a calendar date and time (minutes, seconds, or fractions
 * of a second down to milliseconds) with `Z` or a `±hh:mm` offset. Year-only, year-month, week and ordinal dates, basic
 * (separator-less) forms and local times without an offset match none.
 */
const FORMATS = ['yyyy-MM-dd', ...['HH:mm', 'HH:mm:ss', 'HH:mm:ss.u'].flatMap((time) => [`yyyy-MM-dd'T'${time}ZZ`, `yyyy-MM-dd'T'${time}'Z'`])];

/** The instant `value` names, or `undefined` unless it is an accepted time. */
function instantOf(value: unknown): DateTime | undefined {
  if (typeof value !== 'string' || value.length > 35) return undefined;
  for (const format of FORMATS) {
    const time = DateTime.fromFormat(value, format, { zone: 'utc', setZone: true });
    if (!time.isValid) continue;
    const utcYear = time.toUTC().year;
    // Luxon reads `24:00` as the next day's `00:00` and literals in any case: the value must spell what it parsed to.
    const spelled = value === value.toUpperCase() && value.startsWith(time.toFormat(value.length === 10 ? 'yyyy-MM-dd' : "yyyy-MM-dd'T'HH:mm"));
    const storable =
      spelled &&
      Math.abs(time.offset) <= MAX_OFFSET_MINUTES &&
      [time.year, utcYear].every((year) => year >= YEARS.min && year <= YEARS.max) &&
      // JS `Date` must read the same instant: the read models and the as-of folds parse it so. It
      // keeps milliseconds where PostgreSQL keeps (or rounds to) microseconds, so no finer fraction.
      !/\.\d{4}/.test(value) &&
      Date.parse(value) === time.toMillis();
    return storable ? time : undefined;
  }
  return undefined;
}

const TIME_RULE = `an ISO-8601 date (YYYY-MM-DD) or date-time (to the millisecond) with Z or an offset within ±14:00, years ${YEARS.min}–${YEARS.max} as written and in UTC`;

/** Whether `value` is an accepted time; it is then kept as the client gave it (its offset too). */
export const isTime = (value: unknown): value is string => instantOf(value) !== undefined;
export const timeMessage = (field: string) => `${field} must be ${TIME_RULE}`;

/** A time in the one spelling the server writes (`toISOString`: UTC, milliseconds): cursors and export lines carry times so. */
export const isWrittenTime = (value: unknown): value is string => isTime(value) && new Date(value).toISOString() === value;

/** `value` if it is an accepted time, as given (its meaning on the calendar: src/incidents/domain/local-date.ts). */
export function parseTime(value: string, field: string): string {
  if (!isTime(value)) throw new InvalidInput([{ field, message: timeMessage(field) }]);
  return value;
}

/** An `asOf` time as an instant: a bare date stands for the end of its day (UTC), the moments recorded that day. */
export function parseTimeBound(value: string, field: string, edge: 'start' | 'end', message = timeMessage(field)): Date {
  const time = instantOf(value);
  if (time === undefined) throw new InvalidInput([{ field, message }]);
  const bareDate = value.length === 10;
  return (bareDate && edge === 'end' ? time.endOf('day') : time).toJSDate();
}

/** UUIDs are case-insensitive (RFC 9562): lower case at the edge, so one incident has one stream. */
export const normalizedUuid = (value: unknown): unknown => (typeof value === 'string' && isUUID(value, 'all') ? value.toLowerCase() : value);

export function parseUuid(value: string, field: string): string {
  if (!isUUID(value, 'all')) throw new InvalidInput([{ field, message: `${field} must be a UUID` }]);
  return value.toLowerCase();
}

/** Positions and revisions are PostgreSQL `bigint`s (the event store's columns, the projection checkpoints). */
export const MAX_POSITION = 2n ** 63n - 1n;

/**
 * One spelling per position, as the server writes it (decimal, no sign, no leading zeros): `01` and
 * `1` would otherwise be two values of one query (caches, cursors and entity tags compare text), and
 * every transport answers the same for the same value.
 */
export const isPosition = (value: unknown): value is string => typeof value === 'string' && /^(0|[1-9]\d{0,18})$/.test(value) && BigInt(value) <= MAX_POSITION;
export const positionMessage = (field: string) => `${field} must be a whole number from 0 to ${MAX_POSITION} in decimal digits without leading zeros`;

export function parsePosition(value: string, field: string): bigint {
  if (!isPosition(value)) throw new InvalidInput([{ field, message: positionMessage(field) }]);
  return BigInt(value);
}
