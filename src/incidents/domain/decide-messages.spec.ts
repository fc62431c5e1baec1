import {
  INCIDENT_ID,
  NOW,
  closed,
  commandFor,
  hostagesReleased,
  hostagesTaken,
  killed,
  metadata,
  note,
  opened,
  recordId,
} from '../../../test/support/incident-fixtures.js';
import { deciderSpec } from '../../../test/support/decider-spec.js';
import { decide } from './decide.js';
import { evolve, initialState } from './incident.js';

/** The message of a refusal is the problem's `detail`: it says what is wrong in words a reporter can act on. */
const { given } = deciderSpec({ decide, evolve, initialState });
const location = opened.data.location;
const inSixMinutes = new Date(NOW.getTime() + 6 * 60 * 1000).toISOString();

describe('refusals say what is wrong', () => {
  it.each([
    ['a blank title', { title: ' ' }, 'VALUE.INVALID', 'title must be a non-empty string'],
    ['an unknown category', { category: 'war' }, 'VALUE.INVALID', 'category must be one of battle, violence_against_civilians, explosion_remote_violence, riot, protest, strategic_development'],
    ['a time that is not one', { occurredAt: 'soon' }, 'OCCURRED_AT.INVALID', 'occurredAt must be an ISO-8601 time'],
    ['a time in the future', { occurredAt: inSixMinutes }, 'OCCURRED_AT.IN_FUTURE', 'occurredAt lies in the future'],
    ['a three-letter country', { location: { ...location, country: 'MEX' } }, 'VALUE.INVALID', 'location.country must be an ISO 3166-1 alpha-2 code'],
    ['a latitude out of range', { location: { ...location, lat: 91, lon: 0 } }, 'VALUE.INVALID', 'location.lat out of range'],
    ['a longitude out of range', { location: { ...location, lat: 0, lon: 181 } }, 'VALUE.INVALID', 'location.lon out of range'],
  ])('opening with %s', (_case, data, code, message) => {
    given([]).when(commandFor(opened, data)).thenThrows(code, { message });
  });

  it('a record with a source published at no time', () => {
    const record = commandFor(killed(1, 'police', 1), { source: { name: 'x', kind: 'media', publishedAt: 'soon' } });
    given([opened]).when(record).thenThrows('VALUE.INVALID', { message: 'source.publishedAt must be an ISO-8601 time' });
  });

  it('an unknown incident, a closed one, a record id used before', () => {
    given([]).when(commandFor(note(1))).thenThrows('INCIDENT.NOT_FOUND', { message: `Incident ${INCIDENT_ID} does not exist` });
    given([opened, closed]).when(commandFor(note(1))).thenThrows('INCIDENT.CLOSED', { message: `Incident ${INCIDENT_ID} is closed; reopen it first` });
    given([opened, note(1)]).when(commandFor(note(1))).thenThrows('RECORD.DUPLICATE_ID', { message: `Record ${recordId(1)} already exists in this incident` });
  });

  it('a release of more hostages than are held', () => {
    given([opened, hostagesTaken(1, 'civilian', 2)])
      .when(commandFor(hostagesReleased(2, 'civilian', 3)))
      .thenThrows('HOSTAGES.RELEASE_EXCEEDS_HELD', { message: 'This would leave fewer than zero civilian hostages held' });
  });
});

describe('refusals of ranges, places and actors say what is wrong', () => {
  it('a range that ends before it starts', () => {
    given([]).when(commandFor(opened, { occurredUntil: '2019-11-29' })).thenThrows('OCCURRED_UNTIL.BEFORE_OCCURRED_AT', {
      message: 'occurredUntil must not be before occurredAt',
    });
  });

  it('one coordinate without the other, naming the missing one', () => {
    given([]).when(commandFor(opened, { location: { ...location, lat: 16.27 } })).thenThrows('VALUE.INVALID', {
      message: 'location.lon is missing: give both coordinates or neither',
    });
  });

  it('a point without coordinates', () => {
    given([]).when(commandFor(opened, { location: { ...location, geoPrecision: 'point' } })).thenThrows('VALUE.INVALID', {
      message: 'location.geoPrecision point needs coordinates',
    });
  });

  it('an actor that is not attached', () => {
    const ACTOR = '7d1c0a52-8f4e-4b7a-9a3e-1f2b3c4d5e60';
    given([opened]).when({ type: 'DetachActor', data: { incidentId: INCIDENT_ID, actorId: ACTOR }, metadata }).thenThrows('ACTOR.NOT_ATTACHED', {
      message: `Actor ${ACTOR} is not attached to incident ${INCIDENT_ID}`,
    });
  });
});
