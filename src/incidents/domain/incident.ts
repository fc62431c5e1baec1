import type { IncidentEvent, IncidentFields } from './events.js';
import { ledgerOf, touchesLedger, type RecordLedger } from './record-ledger.js';

/** `none`: no `IncidentOpened` in the stream yet. */
export type IncidentLifecycle = 'none' | 'open' | 'closed';

export type IncidentState = Readonly<{
  status: IncidentLifecycle;
  /** Set once opened; amended fields replace it field by field. */
  fields: IncidentFields | undefined;
  records: RecordLedger;
}>;

export const initialState: IncidentState = { status: 'none', fields: undefined, records: new Map() };

/**
 * Folds one event into the state. Never throws and never reads the clock or randomness, so a
 * replay rebuilds the same state; events the state cannot place (a hand-made stream) change nothing.
 */
export function evolve(state: IncidentState, event: IncidentEvent): IncidentState {
  switch (event.type) {
    case 'IncidentOpened': {
      const { incidentId: _id, ...fields } = event.data;
      return { ...state, status: 'open', fields };
    }
    case 'IncidentAmended': {
      if (state.fields === undefined) return state;
      const { incidentId: _id, ...changed } = event.data;
      return { ...state, fields: { ...state.fields, ...changed } };
    }
    case 'IncidentClosed':
      return state.status === 'none' ? state : { ...state, status: 'closed' };
    case 'IncidentReopened':
      return state.status === 'none' ? state : { ...state, status: 'open' };
    default:
      return touchesLedger(event) ? { ...state, records: ledgerOf([event], state.records) } : state;
  }
}

/** The state after the given events, in stream order. */
export const stateOf = (events: Iterable<IncidentEvent>): IncidentState => {
  let state = initialState;
  for (const event of events) state = evolve(state, event);
  return state;
};
