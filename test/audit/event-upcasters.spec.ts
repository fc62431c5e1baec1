import { currentSchemaVersion, upcast } from '../../src/incidents/stored-events/event-upcasters.js';
import { toIncidentEvent } from '../../src/incidents/stored-events/incident-events.js';

describe('event upcasters', () => {
  const v1 = { recordId: 'r', source: 'Coahuila state government', count: 7 };

  it('lifts a v1 CasualtiesReported source name to the v2 source object', () => {
    expect(upcast('CasualtiesReported', v1, 1)).toEqual({ ...v1, source: { name: 'Coahuila state government', kind: 'other' } });
  });

  it('leaves current-version data and types without upcasters as they are', () => {
    const v2 = { ...v1, source: { name: 'X', kind: 'media' } };
    expect(upcast('CasualtiesReported', v2, 2)).toBe(v2);
    expect(upcast('IncidentClosed', { reason: 'r' }, 1)).toEqual({ reason: 'r' });
    expect(currentSchemaVersion('CasualtiesReported')).toBe(2);
    expect(currentSchemaVersion('IncidentClosed')).toBe(1);
  });

  it('gives a v1 incident an exact date and the place precision its coordinates imply (docs/time-and-place.md)', () => {
    const place = { country: 'MX', admin1: 'Coahuila', admin2: '', place: '' };
    expect(upcast('IncidentOpened', { title: 't', location: place }, 1)).toEqual({ title: 't', datePrecision: 'exact', location: { ...place, geoPrecision: 'admin1' } });
    const located = { ...place, lat: 28.2, lon: -100.7 };
    expect(upcast('IncidentOpened', { location: located }, 1)).toEqual({ datePrecision: 'exact', location: { ...located, geoPrecision: 'point' } });
    expect(upcast('IncidentAmended', { location: located }, 1)).toEqual({ location: { ...located, geoPrecision: 'point' } });
    expect(upcast('IncidentAmended', { title: 't' }, 1)).toEqual({ title: 't' });
    expect(upcast('IncidentOpened', { datePrecision: 'day', location: { ...place, geoPrecision: 'country' } }, 2)).toEqual({ datePrecision: 'day', location: { ...place, geoPrecision: 'country' } });
  });

  it('is applied by toIncidentEvent from the stored schemaVersion, reading events without one as v1', () => {
    expect(toIncidentEvent({ type: 'CasualtiesReported', data: v1, metadata: { schemaVersion: 1 } }).data).toMatchObject({ source: { kind: 'other' } });
    expect(toIncidentEvent({ type: 'CasualtiesReported', data: v1 }).data).toMatchObject({ source: { kind: 'other' } });
  });
});
