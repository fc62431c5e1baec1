import { parsePosition, parseTimeBound, timeMessage } from '../../common/input-values.js';
import type { RecordedEvent } from '../../event-store/event-store.port.js';
import { toIncidentEvent } from '../stored-events/incident-events.js';
import { isRecordEvent, type ActorRole, type IncidentEvent, type IncidentFields } from '../domain/events.js';
import { evolve, initialState, type IncidentLifecycle, type IncidentState } from '../domain/incident.js';
import { withinWindow, type TimeWindow } from '../domain/local-date.js';
import { mergedBySurvivor, survivorLedger } from '../domain/merged-ledger.js';
import { applyToLedger, type LedgerEntry, type RecordLedger, touchesLedger } from '../domain/record-ledger.js';
import { type Attribution, attributionOf } from '../domain/attribution.js';
import { tallyOfLedger, type Tally, type TallyView } from '../domain/tally.js';

/**
 * "What did we know then" (docs/domain.md): an event-store position, or a record time. A time stands
 * for a position, the last event of the store before the first one recorded after it (the
 * record-time clock, docs/temporal.md), and is read as that position everywhere.
 */
export type AsOf = { readonly position: bigint } | { readonly time: Date };

/** World-time window on records' `occurredAt`, both ends inclusive (`local-date.ts` says what a bound means). */
export type WorldTime = TimeWindow;

/** `asOf` as it travels (docs/api.md: ISO-8601 or a decimal position); a bare date means the end of that day (UTC). */
export function parseAsOf(value: string, field = 'asOf'): AsOf {
  if (/^\d+$/.test(value)) return { position: parsePosition(value, field) };
  return { time: parseTimeBound(value, field, 'end', `${timeMessage(field)}, or a decimal event-store position`) };
}


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
  /** The survivor it had been merged into by then (docs/merge.md). */
  readonly mergedInto: string | undefined;
  /** The records its `tally` counts (those of the world-time window). */
  readonly records: RecordLedger;
  /** Who its casualty and hostage figures are attributed to (`groupBy: ACTOR`). */
  readonly attribution: Attribution;
  /** The registry's actors attached then, by actor id, with their roles. */
  readonly actors: ReadonlyMap<string, ActorRole>;
}

/**
 * One incident's events, given as they come in stream order, folded up to position `at` (all without
 * one). The tally counts only the records of the world-time `window` (a correction or retraction of
 * a record left out finds nothing to change). Keeps a state and a ledger, not the events, so folding
 * every incident in `$all` holds one ledger per incident.
 */
export class IncidentAsOfFold {
  /** Status and fields; its `records` stay empty, as record events go to the windowed `ledger`. */
  private state: IncidentState = initialState;
  private readonly ledger = new Map<string, LedgerEntry>();
  private last: RecordedEvent | undefined;

  constructor(
    private readonly incidentId: string,
    private readonly at: bigint | undefined,
    private readonly window: WorldTime,
  ) {}

  add(recorded: RecordedEvent): void {
    if (this.at !== undefined && recorded.position > this.at) return;
    const event = toIncidentEvent(recorded);
    if (!touchesLedger(event)) this.state = evolve(this.state, event);
    else if (inWorldTime(event, this.window)) applyToLedger(this.ledger, event);
    this.last = recorded;
  }

  /** The incident as known then, its tally read with `view` (the policy, and the source registry as known then); `undefined` if it had not been opened. */
  result(view: TallyView = {}): IncidentAsOf | undefined {
    const { status, fields } = this.state;
    if (status === 'none' || fields === undefined || this.last === undefined) return undefined;
    const { incidentId, last, state } = this;
    return {
      incidentId, status, fields, revision: last.revision, position: last.position, tally: tallyOfLedger(this.ledger, view),
      mergedInto: state.mergedInto, records: this.ledger, attribution: attributionOf(this.ledger), actors: state.actors,
    };
  }
}

/**
 * Incidents as known at one moment, each attack counted once (docs/merge.md): the merged ones left out,
 * each survivor's tally counting its own records and theirs (`survivorLedger`), as the read model
 * does, and holding their attached actors besides its own. A merge not yet known then leaves both
 * incidents counted apart.
 */
export function countedOnce(incidents: readonly IncidentAsOf[], view: TallyView = {}): IncidentAsOf[] {
  const byId = new Map(incidents.map((incident) => [incident.incidentId, incident]));
  const merged = mergedBySurvivor(new Map(incidents.flatMap(({ incidentId, mergedInto }) => (mergedInto === undefined ? [] : [[incidentId, mergedInto] as const]))));
  return incidents.flatMap((incident) => {
    if (incident.mergedInto !== undefined) return [];
    const parts = merged.get(incident.incidentId)?.map((id) => byId.get(id)!);
    if (parts === undefined) return [incident];
    const ledger = survivorLedger(incident.records, new Map(parts.map((part) => [part.incidentId, part.records])));
    const actors = new Map([...parts.flatMap((part) => [...part.actors]), ...incident.actors]);
    return [{ ...incident, tally: tallyOfLedger(ledger, view), attribution: attributionOf(ledger), actors }];
  });
}
