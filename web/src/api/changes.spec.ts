import type { Change } from './types';
import { describeChange } from './changes';

const change = (type: string, data: Record<string, unknown>): Change => ({ asOf: '1', type, recordedAt: '2026-11-29T10:00:00.000Z', data });
const source = { name: 'Milenio', kind: 'media' };

describe('describeChange (the as-of slider’s line for one change)', () => {
  it('shows a timeline entry’s own line (a token without auditor steps through those), whatever its type', () => {
    for (const type of ['CasualtiesReported', 'VehiclesSeized', 'RecordCorrected', 'SomethingNew']) {
      expect(describeChange(change(type, { summary: 'Milenio (media): 3 unknown killed (incremental)', recordId: 'r1', source }))).toBe('Milenio (media): 3 unknown killed (incremental)');
    }
  });

  it('formats counts for the locale and says them in the plural when not one', () => {
    const previous = Object.getOwnPropertyDescriptor(globalThis, 'navigator');
    Object.defineProperty(globalThis, 'navigator', { value: { language: 'en-GB' }, configurable: true });
    try {
      expect(describeChange(change('CasualtiesReported', { party: 'armed_group', outcome: 'killed', count: 100000, basis: 'incremental', source }))).toBe('armed group killed: +100,000 — Milenio');
      expect(describeChange(change('CasualtiesReported', { party: 'police', outcome: 'injured', count: 2500, basis: 'cumulative' }))).toBe('police injured: 2,500 in total');
      expect(describeChange(change('VehiclesSeized', { count: 17, vehicleKind: 'armed_vehicle', source }))).toBe('17 vehicles seized (armed vehicle) — Milenio');
      expect(describeChange(change('VehiclesSeized', { count: 1, vehicleKind: 'truck' }))).toBe('1 vehicle seized (truck)');
      expect(describeChange(change('WeaponsSeized', { count: 2, weaponKind: 'rifle' }))).toBe('2 weapons seized (rifle)');
      expect(describeChange(change('WeaponsSeized', { count: 1, weaponKind: 'rifle' }))).toBe('1 weapon seized (rifle)');
      expect(describeChange(change('ArrestsMade', { count: 1 }))).toBe('1 person arrested');
      expect(describeChange(change('ArrestsMade', { count: 1200 }))).toBe('1,200 people arrested');
      expect(describeChange(change('HostagesTaken', { party: 'civilian', count: 1000 }))).toBe('hostages taken: civilian 1,000');
      expect(describeChange(change('RecordCorrected', { count: 10000, reason: 'More' }))).toBe('Record corrected to 10,000: More');
    } finally {
      if (previous) Object.defineProperty(globalThis, 'navigator', previous);
      else Reflect.deleteProperty(globalThis, 'navigator');
    }
  });

  it('names the other incident or the actor of a link or attachment, or shows the id when it has no name', () => {
    const names = new Map([['i2', 'Culiacán clashes'], ['a1', 'Cártel del Noreste']]);
    expect(describeChange(change('IncidentLinked', { otherIncidentId: 'i2', relation: 'RELATED' }), names)).toBe('Linked to Culiacán clashes (related)');
    expect(describeChange(change('IncidentMergedInto', { into: 'i2' }), names)).toBe('Merged into Culiacán clashes');
    expect(describeChange(change('ActorAttached', { actorId: 'a1', role: 'perpetrator' }), names)).toBe('Actor attached: Cártel del Noreste (perpetrator)');
    expect(describeChange(change('ActorDetached', { actorId: 'a9' }), names)).toBe('Actor detached: a9');
  });

  it('opens, notes, retracts, and splits an unknown type into words', () => {
    expect(describeChange(change('IncidentOpened', { title: 'Villa Unión' }))).toBe('Incident opened: Villa Unión');
    expect(describeChange(change('TimelineNoteAdded', { text: 'Curfew', source }))).toBe('Note: Curfew — Milenio');
    expect(describeChange(change('RecordRetracted', { reason: 'Double count' }))).toBe('Record retracted: Double count');
    expect(describeChange(change('IncidentClosed', {}))).toBe('Incident Closed');
  });
});
