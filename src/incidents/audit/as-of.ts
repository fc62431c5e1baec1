import { parsePosition, parseTimeBound, timeMessage } from '../../common/input-values.js';
import { recordedAtOf } from '../../event-store/envelope.js';
import type { RecordedEvent } from '../../event-store/event-store.port.js';
import { toIncidentEvent } from '../application/incident-events.js';
import { isRecordEvent, type IncidentEvent, type IncidentFields } from '../domain/events.js';
import { evolve, initialState, type IncidentLifecycle, type IncidentState } from '../domain/incident.js';
import { withinWindow, type TimeWindow } from '../domain/local-date.js';
import { applyToLedger, type LedgerEntry, touchesLedger } from '../domain/record-ledger.js';
import { tallyOfLedger, type Tally } from '../domain/tally.js';

/** "What did we know then" (SPEC §3): an event-store position, or a record time. */
export type AsOf = { readonly position: bigint } | { readonly time: Date };

/** World-time window on records' `occurredAt`, both ends inclusive (`local-date.ts` says what a bound means). */
export type WorldTime = TimeWindow;

/** `asOf` as it travels (SPEC §5: ISO-8601 or a decimal position); a bare date means the end of that day (UTC). */
export function parseAsOf(value: string, field = 'asOf'): AsOf {
  if (/^\d+$/.test(value)) return { position: parsePosition(value, field) };
  return { time: parseTimeBound(value, field, 'end', `${timeMessage(field)}, or a decimal event-store position`) };
}


export const knownAt = (event: RecordedEvent, asOf: AsOf): boolean =>
  'position' in asOf ? event.position <= asOf.position : recordedAtOf(event).getTime() <= asOf.time.getTime();

/** Whether an event counts in a world-time window: a record if it occurred inside it, any other event always. */
export const inWorldTime = (event: IncidentEvent, window: WorldTime): boolean => !isRecordEvent(event) || withinWindow(event.data.occurredAt, window);

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

  /** The incident as known then; `undefined` if it had not been opened. */
  result(): IncidentAsOf | undefined {
    const { status, fields } = this.state;
    if (status === 'none' || fields === undefined || this.last === undefined) return undefined;
    return { incidentId: this.incidentId, status, fields, revision: this.last.revision, position: this.last.position, tally: tallyOfLedger(this.ledger) };
  }
}
