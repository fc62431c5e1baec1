import {
  INCIDENT_ID,
  closed,
  corrected,
  killed,
  note,
  opened,
  recordId,
  reopened,
  retracted,
} from '../../../test/support/incident-fixtures.js';
import { evolve, initialState, stateOf } from './incident.js';
import type { IncidentEvent } from './events.js';

describe('evolve', () => {
  it('starts with no incident', () => {
    expect(initialState).toEqual({ status: 'none', fields: undefined, records: new Map(), links: new Map(), mergedInto: undefined, actors: new Map() });
  });

  it('opens, amends field by field, closes and reopens', () => {
    const amended = { type: 'IncidentAmended', data: { incidentId: INCIDENT_ID, title: 'Battle of Villa Unión' } } as const;
    const state = stateOf([opened, amended, closed]);
    expect(state.status).toBe('closed');
    expect(state.fields).toMatchObject({ title: 'Battle of Villa Unión', category: 'battle', tags: ['cartel'] });
    expect(stateOf([opened, closed, reopened]).status).toBe('open');
  });

  it('keeps records in recorded order with their current count', () => {
    const state = stateOf([opened, killed(2, 'police', 4), note(1), corrected(2, 5), retracted(1)]);
    expect([...state.records.keys()]).toEqual([recordId(2), recordId(1)]);
    expect(state.records.get(recordId(2))).toMatchObject({ count: 5, corrected: true, retracted: false });
    expect(state.records.get(recordId(1))).toMatchObject({ count: undefined, retracted: true });
  });

  it('never changes the state it was given', () => {
    const before = stateOf([opened, killed(1, 'police', 4)]);
    evolve(before, corrected(1, 9));
    evolve(before, killed(2, 'police', 1));
    expect(before.records.get(recordId(1))?.count).toBe(4);
    expect(before.records.size).toBe(1);
  });

  it('folds records in place (stateOf) to the state evolve gives step by step', () => {
    const amended = { type: 'IncidentAmended', data: { incidentId: INCIDENT_ID, description: 'Revised' } } as const;
    const history: IncidentEvent[] = [opened, killed(1, 'police', 4), note(2), amended, corrected(1, 6), closed, killed(3, 'armed_group', 2), retracted(2), reopened];
    const stepByStep = history.reduce(evolve, initialState);
    const folded = stateOf(history);
    expect(folded).toEqual(stepByStep);
    expect([...folded.records.entries()]).toEqual([...stepByStep.records.entries()]);
  });

  it('never throws on a history the decider would not produce', () => {
    const state = stateOf([closed, corrected(7, 1), retracted(7), killed(1, 'police', 4), killed(1, 'police', 9), reopened]);
    expect(state.status).toBe('none');
    expect(state.records.get(recordId(1))?.count).toBe(4);
  });
});
