import {
  INCIDENT_ID,
  closed,
  commandFor,
  corrected,
  hostagesReleased,
  hostagesTaken,
  killed,
  metadata,
  note,
  opened,
  recordId,
  reopened,
  retracted,
} from '../../../test/support/incident-fixtures.js';
import { deciderSpec } from '../../../test/support/decider-spec.js';
import { decide } from './decide.js';
import type { IncidentEvent } from './events.js';
import { evolve, initialState } from './incident.js';

/** What each refusal says and names, and the rules' edges on histories the decider itself would not write. */
const { given } = deciderSpec({ decide, evolve, initialState });
const location = opened.data.location;

describe('refusals of the lifecycle and of records say what is wrong and name the field', () => {
  it('an incident opened twice', () => {
    given([opened]).when(commandFor(opened)).thenThrows('INCIDENT.ALREADY_EXISTS', { field: 'incidentId', message: `Incident ${INCIDENT_ID} already exists` });
  });

  it('an incident closed twice, or reopened while open', () => {
    given([opened, closed]).when(commandFor(closed)).thenThrows('INCIDENT.ALREADY_CLOSED', { message: `Incident ${INCIDENT_ID} is already closed` });
    given([opened]).when(commandFor(reopened)).thenThrows('INCIDENT.ALREADY_OPEN', { message: `Incident ${INCIDENT_ID} is open` });
  });

  it('a correction of a note, of an unknown record, of a retracted one', () => {
    given([opened, note(1)]).when(commandFor(corrected(1, 3))).thenThrows('RECORD.NOT_COUNTABLE', { field: 'recordId', message: `Record ${recordId(1)} is a note and has no count` });
    given([opened]).when(commandFor(corrected(9, 1))).thenThrows('RECORD.NOT_FOUND', { message: `Record ${recordId(9)} does not exist in this incident` });
    given([opened, killed(1, 'police', 4), retracted(1)]).when(commandFor(corrected(1, 3))).thenThrows('RECORD.ALREADY_RETRACTED', {
      field: 'recordId',
      message: `Record ${recordId(1)} is retracted`,
    });
  });

  it('an incident opened without a location, naming location.country', () => {
    given([]).when(commandFor(opened, { location: undefined })).thenThrows('VALUE.INVALID', { field: 'location.country' });
  });

  it('a command of no known type is a programming error: a plain Error naming the type', () => {
    const unknown = { type: 'RenameIncident', data: { incidentId: INCIDENT_ID }, metadata } as never;
    expect(() => decide(unknown, initialState)).toThrow(new Error('Unknown command RenameIncident'));
  });
});

describe('the rules on histories the decider did not write (older events, hand-made streams)', () => {
  it('moves an incident whose stored location says null for absent coordinates', () => {
    const stored = { ...opened, data: { ...opened.data, location: { ...location, lat: null, lon: null } } } as unknown as IncidentEvent;
    const moved = { ...location, admin2: 'Torreón' };
    given([stored])
      .when({ type: 'AmendIncident', data: { incidentId: INCIDENT_ID, location: moved }, metadata })
      .then([{ type: 'IncidentAmended', data: { incidentId: INCIDENT_ID, location: moved } }]);
  });

  it('still takes notes on an incident whose figures are over the limit: a note counts nothing', () => {
    const overLimit = [opened, ...Array.from({ length: 101 }, (_, i) => killed(i + 1, 'police', 100_000))];
    given(overLimit).when(commandFor(note(200))).then([note(200)]);
  });

  it('checks only hostage records against the hostages a party holds', () => {
    const belowZero = [opened, hostagesTaken(1, 'civilian', 1), hostagesReleased(2, 'civilian', 3)];
    given(belowZero).when(commandFor(killed(3, 'civilian', 1))).then([killed(3, 'civilian', 1)]);
  });

  it('retracts the only hostages taken of a party, which then holds none', () => {
    given([opened, hostagesTaken(1, 'civilian', 2)]).when(commandFor(retracted(1))).then([retracted(1)]);
  });
});
