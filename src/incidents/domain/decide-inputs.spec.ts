import {
  INCIDENT_ID,
  NOW,
  STATE_GOVERNMENT,
  arrests,
  commandFor,
  corrected,
  hostagesKilled,
  hostagesReleased,
  hostagesTaken,
  killed,
  metadata,
  note,
  opened,
  retracted,
  vehiclesSeized,
  weaponsSeized,
} from '../../../test/support/incident-fixtures.js';
import { deciderSpec } from '../../../test/support/decider-spec.js';
import { decide } from './decide.js';
import { MAX_COUNT } from './events.js';
import { evolve, initialState } from './incident.js';

/** Values the transports also validate: the domain holds whichever door a command came through. */
const { given } = deciderSpec({ decide, evolve, initialState });
const invalid = (field: string) => ({ kind: 'invalid', field });
const location = opened.data.location;
const amend = (data: Record<string, unknown>) => ({ type: 'AmendIncident', data: { incidentId: INCIDENT_ID, ...data }, metadata }) as const;

describe('opening an incident', () => {
  it.each([
    ['a blank title', { title: '  ' }, 'title'],
    ['a title of a blank Braille pattern and an interlinear annotation', { title: '\u2800\ufff9\ufffb' }, 'title'],
    ['no title', { title: undefined }, 'title'],
    ['a blank occurredAt', { occurredAt: '' }, 'occurredAt'],
    ['no country', { location: { ...location, country: undefined } }, 'location.country'],
    ['a three-letter country', { location: { ...location, country: 'MEX' } }, 'location.country'],
    ['a lower-case country', { location: { ...location, country: 'mx' } }, 'location.country'],
    ['a latitude above 90', { location: { ...location, lat: 90.5, lon: 0 } }, 'location.lat'],
    ['a latitude below -90', { location: { ...location, lat: -91, lon: 0 } }, 'location.lat'],
    ['a latitude that is not a number', { location: { ...location, lat: Number.NaN, lon: 0 } }, 'location.lat'],
    ['a longitude above 180', { location: { ...location, lat: 0, lon: 180.5 } }, 'location.lon'],
    ['a longitude below -180', { location: { ...location, lat: 0, lon: -181 } }, 'location.lon'],
  ])('rejects %s as invalid, naming the field', (_case, data, field) => {
    given([]).when(commandFor(opened, data)).thenThrows('VALUE.INVALID', invalid(field));
  });

  it('rejects an occurredAt that is not a time', () => {
    given([]).when(commandFor(opened, { occurredAt: 'last Saturday' })).thenThrows('OCCURRED_AT.INVALID', invalid('occurredAt'));
  });

  it('accepts the edges of the coordinate ranges', () => {
    for (const [lat, lon] of [[90, 180], [-90, -180], [0, 0]]) {
      const at = { ...opened, data: { ...opened.data, location: { ...location, lat, lon } } };
      given([]).when(commandFor(at)).then([at]);
    }
  });
});

describe('amending an incident', () => {
  it.each([
    ['a blank title', { title: '' }, 'title'],
    ['an unknown category', { category: 'war' }, 'category'],
    ['a three-letter country', { location: { ...location, country: 'MEX' } }, 'location.country'],
    ['an out-of-range latitude', { location: { ...location, lat: 91, lon: 0 } }, 'location.lat'],
  ])('rejects %s as invalid', (_case, data, field) => {
    given([opened]).when(amend(data)).thenThrows('VALUE.INVALID', invalid(field));
  });

  it('rejects moving it into the future', () => {
    const future = new Date(NOW.getTime() + 6 * 60 * 1000).toISOString();
    given([opened]).when(amend({ occurredAt: future })).thenThrows('OCCURRED_AT.IN_FUTURE', invalid('occurredAt'));
  });
});

describe('record values', () => {
  const givenOpen = given([opened]);

  it.each([
    ['a blank record id', { recordId: ' ' }, 'recordId'],
    ['a blank source name', { source: { ...STATE_GOVERNMENT, name: '\t' } }, 'source.name'],
    ['a source name of invisible characters only', { source: { ...STATE_GOVERNMENT, name: '\u200b\u00ad' } }, 'source.name'],
    ['a source name of a Hangul filler and a tag only', { source: { ...STATE_GOVERNMENT, name: '\u3164\u{e0041}' } }, 'source.name'],
    ['an unknown source kind', { source: { ...STATE_GOVERNMENT, kind: 'blog' } }, 'source.kind'],
    ['a source publishedAt that is not a time', { source: { ...STATE_GOVERNMENT, publishedAt: 'soon' } }, 'source.publishedAt'],
    ['an unknown date precision', { datePrecision: 'fortnight' }, 'datePrecision'],
    ['an unknown party', { party: 'rebels' }, 'party'],
    ['an unknown outcome', { outcome: 'missing' }, 'outcome'],
    ['an unknown basis', { basis: 'estimated' }, 'basis'],
  ])('rejects a casualty report with %s', (_case, data, field) => {
    givenOpen.when(commandFor(killed(1, 'police', 4), data)).thenThrows('VALUE.INVALID', invalid(field));
  });

  it('accepts a source with a publication time', () => {
    const published = killed(1, 'police', 4, 'incremental', { ...STATE_GOVERNMENT, publishedAt: '2019-11-30T20:00:00Z' });
    givenOpen.when(commandFor(published)).then([published]);
  });

  it.each([
    ['taken', hostagesTaken(1, 'civilian', 2), { party: 'rebels' }, 'party'],
    ['released', hostagesReleased(2, 'civilian', 1), { party: 'rebels' }, 'party'],
    ['released', hostagesReleased(2, 'civilian', 1), { how: 'ransomed' }, 'how'],
    ['killed', hostagesKilled(2, 'civilian', 1), { party: 'rebels' }, 'party'],
  ])('rejects hostages %s with an invalid value', (_case, record, data, field) => {
    given([opened, hostagesTaken(9, 'civilian', 5)]).when(commandFor(record, data)).thenThrows('VALUE.INVALID', invalid(field));
  });

  it.each([
    ['vehicles without a kind', vehiclesSeized(1, 2), { vehicleKind: ' ' }, 'vehicleKind'],
    ['weapons without a kind', weaponsSeized(1, 2), { weaponKind: '' }, 'weaponKind'],
    ['a blank note', note(1), { text: '   ' }, 'text'],
  ])('rejects %s', (_case, record, data, field) => {
    givenOpen.when(commandFor(record, data)).thenThrows('VALUE.INVALID', invalid(field));
  });

  it.each([
    ['a fraction of an arrest', arrests(1, 1.5)],
    ['more vehicles than the maximum', vehiclesSeized(1, MAX_COUNT + 1)],
    ['no weapons', weaponsSeized(1, 0)],
  ])('rejects %s as a count out of range, naming the bounds', (_case, record) => {
    givenOpen.when(commandFor(record)).thenThrows('COUNT.OUT_OF_RANGE', { ...invalid('count'), message: `count must be an integer from 1 to ${MAX_COUNT}` });
  });

  it('names the bounds of a cumulative report, which may be 0', () => {
    givenOpen.when(commandFor(killed(1, 'police', -1, 'cumulative'))).thenThrows('COUNT.OUT_OF_RANGE', { message: `count must be an integer from 0 to ${MAX_COUNT}` });
  });

  it('accepts the maximum count', () => {
    givenOpen.when(commandFor(weaponsSeized(1, MAX_COUNT))).then([weaponsSeized(1, MAX_COUNT)]);
  });
});

describe('corrections and retractions', () => {
  const givenReport = given([opened, killed(1, 'police', 4)]);

  it('rejects a correction without a reason', () => {
    givenReport.when(commandFor(corrected(1, 5), { reason: ' ' })).thenThrows('VALUE.INVALID', invalid('reason'));
  });

  it('rejects a retraction without a reason', () => {
    givenReport.when(commandFor(retracted(1), { reason: '' })).thenThrows('VALUE.INVALID', invalid('reason'));
  });

  it('rejects correcting an incremental report to 0 or beyond the maximum', () => {
    givenReport.when(commandFor(corrected(1, 0))).thenThrows('COUNT.OUT_OF_RANGE', invalid('count'));
    givenReport.when(commandFor(corrected(1, MAX_COUNT + 1))).thenThrows('COUNT.OUT_OF_RANGE', invalid('count'));
  });
});
