import { parsePosition, parseTimeBound, timeMessage } from '../../common/input-values.js';
import type { RecordedEvent } from '../../event-store/event-store.port.js';
import { toIncidentEvent } from '../application/incident-events.js';
import { isRecordEvent, type IncidentEvent, type IncidentFields } from '../domain/events.js';
import { evolve, initialState, type IncidentLifecycle, type IncidentState } from '../domain/incident.js';
import { applyToLedger, type LedgerEntry, touchesLedger } from '../domain/record-ledger.js';
import { tallyOfLedger, type Tally, type TallyView } from '../domain/tally.js';

/** "What did we know then" (SPEC §3): an event-store position, or a record time. */
export type AsOf = { readonly position: bigint } | { readonly time: Date };

/** World-time window on records' `occurredAt`, both ends inclusive. */
export type WorldTime = { readonly from?: Date; readonly to?: Date };

/** `asOf` as it travels (SPEC §5: ISO-8601 or a decimal position); a bare date means the end of that day (UTC). */
export function parseAsOf(value: string, field = 'asOf'): AsOf {
  if (/^\d+$/.test(value)) return { position: parsePosition(value, field) };
  return { time: parseTimeBound(value, field, 'end', `${timeMessage(field)}, or a decimal event-store position`) };
}

/** `occurredFrom`/`occurredTo`: a bare date stands for its whole day, so `occurredTo=2019-11-30` includes that afternoon. */
export function parseWorldTime(occurredFrom: string | undefined, occurredTo: string | undefined): WorldTime {
  return {
    ...(occurredFrom === undefined ? {} : { from: parseTimeBound(occurredFrom, 'occurredFrom', 'start') }),
    ...(occurredTo === undefined ? {} : { to: parseTimeBound(occurredTo, 'occurredTo', 'end') }),
  };
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

/** Whether an event counts in a world-time window: a record if it occurred inside it, any other event always. */
export function inWorldTime(event: IncidentEvent, window: WorldTime): boolean {
  if (!isRecordEvent(event)) return true;
  const occurred = Date.parse(event.data.occurredAt);
  return (window.from === undefined || occurred >= window.from.getTime()) && (window.to === undefined || occurred <= window.to.getTime());
}

/** An incident as it was known at the query's `asOf`. */
export interface IncidentAsOf {
  readonly incidentId: string;
  readonly status: Exclude<IncidentLifecycle, 'none'>;
  readonly fields: IncidentFields;
  /** Revision and position of the last event known then. */
  readonly revision: bigint;
  readonly position: bigint;
  readonly tally: Tally;
}

/**
 * One incident's events, given as they come in stream order, folded as far as was known at `asOf`:
 * a prefix, so after the first event not known then none is. The tally counts only the records of
 * the world-time `window` (a correction or retraction of a record left out finds nothing to change).
 * Keeps a state and a ledger, not the events, so folding every incident in `$all` holds one ledger
 * per incident.
 */
export class IncidentAsOfFold {
  /** Status and fields; its `records` stay empty, as record events go to the windowed `ledger`. */
  private state: IncidentState = initialState;
  private readonly ledger = new Map<string, LedgerEntry>();
  private last: RecordedEvent | undefined;
  private cut = false;

  constructor(
    private readonly incidentId: string,
    private readonly asOf: AsOf | undefined,
    private readonly window: WorldTime,
  ) {}

  add(recorded: RecordedEvent): void {
    this.cut ||= this.asOf !== undefined && !knownAt(recorded, this.asOf);
    if (this.cut) return;
    const event = toIncidentEvent(recorded);
    if (!touchesLedger(event)) this.state = evolve(this.state, event);
    else if (inWorldTime(event, this.window)) applyToLedger(this.ledger, event);
    this.last = recorded;
  }

  /** The incident as known then, its tally read with `view` (the policy, and the source registry as known then); `undefined` if it had not been opened. */
  result(view: TallyView = {}): IncidentAsOf | undefined {
    const { status, fields } = this.state;
    if (status === 'none' || fields === undefined || this.last === undefined) return undefined;
    return { incidentId: this.incidentId, status, fields, revision: this.last.revision, position: this.last.position, tally: tallyOfLedger(this.ledger, view) };
  }
}
