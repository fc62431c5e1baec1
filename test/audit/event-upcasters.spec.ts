import { currentSchemaVersion, upcast } from '../../src/incidents/application/event-upcasters.js';
import { toIncidentEvent } from '../../src/incidents/application/incident-events.js';

describe('event upcasters', () => {
  const v1 = { recordId: 'r', source: 'Coahuila state government', count: 7 };

  it('lifts a v1 CasualtiesReported source name to the v2 source object', () => {
    expect(upcast('CasualtiesReported', v1, 1)).toEqual({ ...v1, source: { name: 'Coahuila state government', kind: 'other' } });
  });

  it('leaves current-version data and types without upcasters as they are', () => {
    const v2 = { ...v1, source: { name: 'X', kind: 'media' } };
    expect(upcast('CasualtiesReported', v2, 2)).toBe(v2);
    expect(upcast('IncidentOpened', { title: 't' }, 1)).toEqual({ title: 't' });
    expect(currentSchemaVersion('CasualtiesReported')).toBe(2);
    expect(currentSchemaVersion('IncidentOpened')).toBe(1);
  });

  it('is applied by toIncidentEvent from the stored schemaVersion, reading events without one as v1', () => {
    expect(toIncidentEvent({ type: 'CasualtiesReported', data: v1, metadata: { schemaVersion: 1 } }).data).toMatchObject({ source: { kind: 'other' } });
    expect(toIncidentEvent({ type: 'CasualtiesReported', data: v1 }).data).toMatchObject({ source: { kind: 'other' } });
  });
});
