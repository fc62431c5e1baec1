import { InvalidInput } from '../../common/invalid-input.js';
import type { RecordedEvent } from '../../event-store/event-store.port.js';
import { isRecordEvent, type IncidentEvent } from '../domain/events.js';

/** "What did we know then" (SPEC §3): an event-store position, or a record time. */
export type AsOf = { readonly position: bigint } | { readonly time: Date };

/** World-time window on records' `occurredAt`, both ends inclusive. */
export type WorldTime = { readonly from?: Date; readonly to?: Date };

const POSITION = /^\d{1,20}$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** `asOf` as it travels (SPEC §5: ISO-8601 or a decimal position); a bare date means the end of that day (UTC). */
export function parseAsOf(value: string, field = 'asOf'): AsOf {
  if (POSITION.test(value)) return { position: BigInt(value) };
  return { time: parseTime(value, field, 'end') };
}

export function parseWorldTime(occurredFrom: string | undefined, occurredTo: string | undefined): WorldTime {
  return {
    ...(occurredFrom === undefined ? {} : { from: parseTime(occurredFrom, 'occurredFrom', 'start') }),
    ...(occurredTo === undefined ? {} : { to: parseTime(occurredTo, 'occurredTo', 'end') }),
  };
}

/** A bare date stands for its whole day, so `occurredTo=2019-11-30` includes that afternoon. */
function parseTime(value: string, field: string, edge: 'start' | 'end'): Date {
  const time = ISO_DATE.test(value) ? Date.parse(`${value}T00:00:00Z`) + (edge === 'end' ? 86_400_000 - 1 : 0) : ISO_TIME.test(value) ? Date.parse(value) : NaN;
  if (Number.isNaN(time)) throw new InvalidInput([{ field, message: `${field} must be an ISO-8601 date or time${field === 'asOf' ? ' or a decimal event-store position' : ''}` }]);
  return new Date(time);
}

/**
 * When an event was recorded: the envelope's `recordedAt`, which the hash covers and export/import
 * keeps (a re-imported store's own commit times are the import's), else the store's commit time.
 */
export function recordedAtOf(event: RecordedEvent): Date {
  const stamped = event.metadata.recordedAt;
  return typeof stamped === 'string' ? new Date(stamped) : event.recordedAt;
}

export const knownAt = (event: RecordedEvent, asOf: AsOf): boolean =>
  'position' in asOf ? event.position <= asOf.position : recordedAtOf(event).getTime() <= asOf.time.getTime();

/** The part of one stream's history (in revision order) that was known at `asOf`: a prefix, as the tally expects. */
export function knownPrefix(events: readonly RecordedEvent[], asOf: AsOf | undefined): RecordedEvent[] {
  if (asOf === undefined) return [...events];
  const end = events.findIndex((event) => !knownAt(event, asOf));
  return end === -1 ? [...events] : events.slice(0, end);
}

/**
 * Keeps records whose world time is inside `window`, and every other event: a correction or
 * retraction of a record left out finds nothing to change in the tally's ledger.
 */
export function withinWorldTime(events: readonly IncidentEvent[], window: WorldTime): IncidentEvent[] {
  if (window.from === undefined && window.to === undefined) return [...events];
  return events.filter((event) => {
    if (!isRecordEvent(event)) return true;
    const occurred = Date.parse(event.data.occurredAt);
    return (window.from === undefined || occurred >= window.from.getTime()) && (window.to === undefined || occurred <= window.to.getTime());
  });
}
