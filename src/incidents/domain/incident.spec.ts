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
import { evolve, evolveInto, initialState, stateOf } from './incident.js';
import type { LedgerEntry } from './record-ledger.js';
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

  it('gives a single-moment incident no range end when an amendment leaves it one (the fields stay as stored)', () => {
    const amended = { type: 'IncidentAmended', data: { incidentId: INCIDENT_ID, title: 'Battle of Villa Unión' } } as const;
    const fields = stateOf([opened, amended]).fields!;
    expect(Object.keys(fields)).not.toContain('occurredUntil');
    const ranged = { type: 'IncidentAmended', data: { incidentId: INCIDENT_ID, occurredUntil: '2019-12-01T20:00:00-06:00' } } as const;
    const cleared = { type: 'IncidentAmended', data: { incidentId: INCIDENT_ID, occurredUntil: null } } as const;
    expect(stateOf([opened, ranged]).fields?.occurredUntil).toBe('2019-12-01T20:00:00-06:00');
    expect(Object.keys(stateOf([opened, ranged, cleared]).fields!)).not.toContain('occurredUntil');
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

describe('evolve: opening, links, merges and actors', () => {
  const OTHER = '5b0d8c6e-1f1a-4c1e-9d3a-000000000002';
  const ACTOR = '7d1c0a52-8f4e-4b7a-9a3e-1f2b3c4d5e60';
  const linked = (relation: 'related' | 'follow_up') => ({ type: 'IncidentLinked', data: { incidentId: INCIDENT_ID, otherIncidentId: OTHER, relation } }) as const;
  const merged = { type: 'IncidentMergedInto', data: { incidentId: INCIDENT_ID, into: OTHER } } as const;
  const attached = (role: 'side_a' | 'perpetrator') => ({ type: 'ActorAttached', data: { incidentId: INCIDENT_ID, actorId: ACTOR, role } }) as const;
  const detached = { type: 'ActorDetached', data: { incidentId: INCIDENT_ID, actorId: ACTOR } } as const;

  it('opens with the fields of the opening event, without its id', () => {
    const { incidentId: _id, ...fields } = opened.data;
    expect(stateOf([opened])).toMatchObject({ status: 'open', fields });
    expect(stateOf([opened]).fields).not.toHaveProperty('incidentId');
  });

  it('ignores an amendment before the incident was opened', () => {
    const amended = { type: 'IncidentAmended', data: { incidentId: INCIDENT_ID, title: 'Early' } } as const;
    expect(evolve(initialState, amended)).toBe(initialState);
  });

  it('keeps the latest relation of each link', () => {
    expect(stateOf([opened, linked('related')]).links).toEqual(new Map([[OTHER, 'related']]));
    expect(stateOf([opened, linked('related'), linked('follow_up')]).links).toEqual(new Map([[OTHER, 'follow_up']]));
  });

  it('closes a merged incident, naming its survivor; a merge before opening changes nothing', () => {
    expect(stateOf([opened, merged])).toMatchObject({ status: 'closed', mergedInto: OTHER });
    expect(evolve(initialState, merged)).toBe(initialState);
  });

  it('attaches an actor in its latest role and detaches it', () => {
    expect(stateOf([opened, attached('side_a'), attached('perpetrator')]).actors).toEqual(new Map([[ACTOR, 'perpetrator']]));
    expect(stateOf([opened, attached('side_a'), detached]).actors).toEqual(new Map());
  });
});

describe('evolveInto', () => {
  it('adopts the ledger it folds into, and then applies records to it in place without copying the state', () => {
    const ledger = new Map<string, LedgerEntry>();
    const first = evolveInto(ledger, initialState, killed(1, 'police', 4));
    expect(first.records).toBe(ledger);
    expect(evolveInto(ledger, first, killed(2, 'police', 1))).toBe(first);
    expect([...ledger.keys()]).toEqual([recordId(1), recordId(2)]);
  });

  it('keeps the ledger through events that are not about records', () => {
    const ledger = new Map<string, LedgerEntry>();
    const state = evolveInto(ledger, initialState, opened);
    expect(state).toMatchObject({ status: 'open', records: ledger });
    expect(state.records).toBe(ledger);
  });
});
