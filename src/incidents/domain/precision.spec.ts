import { INCIDENT_ID, NOW, commandFor, metadata, opened } from '../../../test/support/incident-fixtures.js';
import { deciderSpec } from '../../../test/support/decider-spec.js';
import { decide } from './decide.js';
import { evolve, initialState } from './incident.js';
import { defaultGeoPrecision } from './precision.js';

/** docs/time-and-place.md "Precision": how precisely an incident's time and place are known. */
const { given } = deciderSpec({ decide, evolve, initialState });
const invalid = (field: string) => ({ kind: 'invalid', field });
const location = opened.data.location;
const amend = (data: Record<string, unknown>) => ({ type: 'AmendIncident', data: { incidentId: INCIDENT_ID, ...data }, metadata }) as const;
const openedWith = (data: Record<string, unknown>) => ({ ...opened, data: { ...opened.data, ...data } });

describe('an incident date', () => {
  it.each(['exact', 'day', 'week', 'month', 'year', 'approximate'])('may be known to precision %s', (datePrecision) => {
    given([]).when(commandFor(opened, { datePrecision })).then([openedWith({ datePrecision })]);
  });

  it('refuses an unknown precision, naming the field', () => {
    given([]).when(commandFor(opened, { datePrecision: 'fortnight' })).thenThrows('VALUE.INVALID', invalid('datePrecision'));
    given([opened]).when(amend({ datePrecision: 'fortnight' })).thenThrows('VALUE.INVALID', invalid('datePrecision'));
  });

  it('may end a range at occurredUntil, on or after occurredAt', () => {
    for (const occurredUntil of [opened.data.occurredAt, '2019-12-01T18:00:00-06:00', '2019-11-30']) {
      given([]).when(commandFor(opened, { occurredUntil })).then([openedWith({ occurredUntil })]);
    }
  });

  it('refuses an occurredUntil before occurredAt, naming occurredUntil', () => {
    const refused = { kind: 'invalid', field: 'occurredUntil' };
    given([]).when(commandFor(opened, { occurredUntil: '2019-11-30T11:59:59Z' })).thenThrows('OCCURRED_UNTIL.BEFORE_OCCURRED_AT', refused);
    given([]).when(commandFor(opened, { occurredUntil: '2019-11-29' })).thenThrows('OCCURRED_UNTIL.BEFORE_OCCURRED_AT', refused);
    // Across the date line: a day later as instants, but its local dates (which exports give) run backwards.
    given([]).when(commandFor(opened, { occurredAt: '2019-11-30T01:00:00+14:00', occurredUntil: '2019-11-29T23:00:00-12:00' })).thenThrows('OCCURRED_UNTIL.BEFORE_OCCURRED_AT', refused);
  });

  it('refuses an occurredUntil that is not a time, or in the future', () => {
    given([]).when(commandFor(opened, { occurredUntil: 'next week' })).thenThrows('OCCURRED_AT.INVALID', invalid('occurredUntil'));
    const future = new Date(NOW.getTime() + 6 * 60 * 1000).toISOString();
    given([]).when(commandFor(opened, { occurredUntil: future })).thenThrows('OCCURRED_AT.IN_FUTURE', invalid('occurredUntil'));
  });

  it('checks an amendment against the range it would leave', () => {
    const ranged = openedWith({ occurredUntil: '2019-12-01' });
    given([ranged]).when(amend({ occurredAt: '2019-12-02T00:00:00Z' })).thenThrows('OCCURRED_UNTIL.BEFORE_OCCURRED_AT', { field: 'occurredUntil' });
    given([opened]).when(amend({ occurredUntil: '2019-11-29T23:00:00Z' })).thenThrows('OCCURRED_UNTIL.BEFORE_OCCURRED_AT', { field: 'occurredUntil' });
    given([openedWith({ occurredAt: '2019-11-30T01:00:00+14:00' })]).when(amend({ occurredUntil: '2019-11-29T23:00:00-12:00' })).thenThrows('OCCURRED_UNTIL.BEFORE_OCCURRED_AT', { field: 'occurredUntil' });
    given([ranged])
      .when(amend({ occurredAt: '2019-11-29T00:00:00Z', datePrecision: 'week' }))
      .then([{ type: 'IncidentAmended', data: { incidentId: INCIDENT_ID, occurredAt: '2019-11-29T00:00:00Z', datePrecision: 'week' } }]);
  });
});

describe('clearing an incident date range (occurredUntil: null)', () => {
  const ranged = openedWith({ occurredUntil: '2019-12-01' });
  const cleared = { type: 'IncidentAmended', data: { incidentId: INCIDENT_ID, occurredUntil: null } } as const;

  it('removes the range end: the incident is a single moment again', () => {
    given([ranged]).when(amend({ occurredUntil: null })).then([cleared]);
    expect(evolve(evolve(initialState, ranged), cleared).fields).toEqual(evolve(initialState, opened).fields);
  });

  it('decides nothing when the incident has no range end', () => {
    given([opened]).when(amend({ occurredUntil: null })).then([]);
  });

  it('is checked with the other changes against the range it leaves', () => {
    given([ranged])
      .when(amend({ occurredUntil: null, occurredAt: '2019-12-02T00:00:00Z' }))
      .then([{ type: 'IncidentAmended', data: { incidentId: INCIDENT_ID, occurredUntil: null, occurredAt: '2019-12-02T00:00:00Z' } }]);
  });

  it('keeps the range end through an amendment that does not name it, and replaces it with a new one', () => {
    const retitled = { type: 'IncidentAmended', data: { incidentId: INCIDENT_ID, title: 'Renamed' } } as const;
    expect(evolve(evolve(initialState, ranged), retitled).fields).toMatchObject({ occurredUntil: '2019-12-01', title: 'Renamed' });
    const moved = { type: 'IncidentAmended', data: { incidentId: INCIDENT_ID, occurredUntil: '2019-12-03' } } as const;
    expect(evolve(evolve(initialState, ranged), moved).fields).toMatchObject({ occurredUntil: '2019-12-03' });
  });
});

describe('an incident place', () => {
  const at = { ...location, lat: 28.22, lon: -100.72 };

  it.each(['point', 'near', 'admin2', 'admin1', 'country'])('may be known to precision %s with coordinates', (geoPrecision) => {
    const placed = openedWith({ location: { ...at, geoPrecision } });
    given([]).when(commandFor(placed)).then([placed]);
  });

  it.each(['admin2', 'admin1', 'country'])('may be known to the area %s without coordinates', (geoPrecision) => {
    const placed = openedWith({ location: { ...location, geoPrecision } });
    given([]).when(commandFor(placed)).then([placed]);
  });

  it.each(['point', 'near'])('refuses %s without coordinates, naming location.geoPrecision', (geoPrecision) => {
    given([]).when(commandFor(opened, { location: { ...location, geoPrecision } })).thenThrows('VALUE.INVALID', invalid('location.geoPrecision'));
    given([opened]).when(amend({ location: { ...location, geoPrecision } })).thenThrows('VALUE.INVALID', invalid('location.geoPrecision'));
  });

  it('refuses an unknown precision', () => {
    given([]).when(commandFor(opened, { location: { ...at, geoPrecision: 'city' } })).thenThrows('VALUE.INVALID', invalid('location.geoPrecision'));
  });

  it.each([
    ['a latitude without a longitude', { lat: 16.27 }, 'location.lon'],
    ['a longitude without a latitude', { lon: -93.1 }, 'location.lat'],
  ])('refuses %s, naming the missing one', (_case, coordinates, field) => {
    given([]).when(commandFor(opened, { location: { ...location, ...coordinates } })).thenThrows('VALUE.INVALID', invalid(field));
  });

  it('defaults to point with coordinates, admin1 without', () => {
    expect(defaultGeoPrecision({ lat: 0, lon: 0 })).toBe('point');
    expect(defaultGeoPrecision({})).toBe('admin1');
    expect(defaultGeoPrecision({ lat: 16.27 })).toBe('admin1');
    expect(defaultGeoPrecision({ lon: -93.1 })).toBe('admin1');
    // Stored locations and read-model rows may say null for an absent coordinate.
    expect(defaultGeoPrecision({ lat: null, lon: 2 } as never)).toBe('admin1');
    expect(defaultGeoPrecision({ lat: 1, lon: null } as never)).toBe('admin1');
  });
});
