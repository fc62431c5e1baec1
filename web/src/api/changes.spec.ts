import type { Change } from './types';
import { describeChange } from './changes';

const change = (type: string, data: Record<string, unknown>): Change => ({ asOf: '1', type, recordedAt: '2026-11-29T10:00:00.000Z', data });
const source = { name: 'Milenio', kind: 'media' };
/** The line as read, without the invisible isolates around its user text (checked on their own below). */
const shown = (...args: Parameters<typeof describeChange>) => describeChange(...args).replace(/[\u2068\u2069]/g, '');

describe('describeChange (the as-of slider’s line for one change)', () => {
  it('shows a timeline entry’s own line (a token without auditor steps through those), whatever its type', () => {
    for (const type of ['CasualtiesReported', 'VehiclesSeized', 'RecordCorrected', 'SomethingNew']) {
      expect(shown(change(type, { summary: 'Milenio (media): 3 unknown killed (incremental)', recordId: 'r1', source }))).toBe('Milenio (media): 3 unknown killed (incremental)');
    }
  });

  it('puts every piece of user text in a bidi isolate of its own, so a direction override in it cannot reorder the line', () => {
    const override = '\u202Eevil';
    const names = new Map([['i2', override]]);
    expect(describeChange(change('TimelineNoteAdded', { text: override, source: { name: override } }))).toBe(`Note: \u2068${override}\u2069 — \u2068${override}\u2069`);
    expect(describeChange(change('IncidentOpened', { title: override }))).toBe(`Incident opened: \u2068${override}\u2069`);
    expect(describeChange(change('RecordRetracted', { reason: override }))).toBe(`Record retracted: \u2068${override}\u2069`);
    expect(describeChange(change('IncidentMergedInto', { into: 'i2' }), names)).toBe(`Merged into \u2068${override}\u2069`);
    expect(describeChange(change('CasualtiesReported', { summary: override }))).toBe(`\u2068${override}\u2069`);
  });

  it('formats counts for the locale and says them in the plural when not one', () => {
    const previous = Object.getOwnPropertyDescriptor(globalThis, 'navigator');
    Object.defineProperty(globalThis, 'navigator', { value: { language: 'en-GB' }, configurable: true });
    try {
      expect(shown(change('CasualtiesReported', { party: 'armed_group', outcome: 'killed', count: 100000, basis: 'incremental', source }))).toBe('armed group killed: +100,000 — Milenio');
      expect(shown(change('CasualtiesReported', { party: 'police', outcome: 'injured', count: 2500, basis: 'cumulative' }))).toBe('police injured: 2,500 in total');
      expect(shown(change('VehiclesSeized', { count: 17, vehicleKind: 'armed_vehicle', source }))).toBe('17 vehicles seized (armed_vehicle) — Milenio');
      expect(shown(change('WeaponsSeized', { count: 3, weaponKind: 'AK_47 Kalashnikov' }))).toBe('3 weapons seized (AK_47 Kalashnikov)');
      expect(shown(change('VehiclesSeized', { count: 1, vehicleKind: 'truck' }))).toBe('1 vehicle seized (truck)');
      expect(shown(change('WeaponsSeized', { count: 2, weaponKind: 'rifle' }))).toBe('2 weapons seized (rifle)');
      expect(shown(change('WeaponsSeized', { count: 1, weaponKind: 'rifle' }))).toBe('1 weapon seized (rifle)');
      expect(shown(change('ArrestsMade', { count: 1 }))).toBe('1 person arrested');
      expect(shown(change('ArrestsMade', { count: 1200 }))).toBe('1,200 people arrested');
      expect(shown(change('HostagesTaken', { party: 'civilian', count: 1000 }))).toBe('hostages taken: civilian 1,000');
      expect(shown(change('RecordCorrected', { count: 10000, reason: 'More' }))).toBe('Record corrected to 10,000: More');
    } finally {
      if (previous) Object.defineProperty(globalThis, 'navigator', previous);
      else Reflect.deleteProperty(globalThis, 'navigator');
    }
  });

  it('names the other incident or the actor of a link or attachment, or shows the id when it has no name', () => {
    const names = new Map([['i2', 'Culiacán clashes'], ['a1', 'Cártel del Noreste']]);
    expect(shown(change('IncidentLinked', { otherIncidentId: 'i2', relation: 'RELATED' }), names)).toBe('Linked to Culiacán clashes (related)');
    expect(shown(change('IncidentMergedInto', { into: 'i2' }), names)).toBe('Merged into Culiacán clashes');
    expect(shown(change('ActorAttached', { actorId: 'a1', role: 'perpetrator' }), names)).toBe('Actor attached: Cártel del Noreste (perpetrator)');
    expect(shown(change('ActorDetached', { actorId: 'a9' }), names)).toBe('Actor detached: a9');
  });

  it('opens, notes, retracts, closes and reopens with the reason, and says an unknown type in words', () => {
    expect(shown(change('IncidentOpened', { title: 'Villa Unión' }))).toBe('Incident opened: Villa Unión');
    expect(shown(change('TimelineNoteAdded', { text: 'Curfew', source }))).toBe('Note: Curfew — Milenio');
    expect(shown(change('RecordRetracted', { reason: 'Double count' }))).toBe('Record retracted: Double count');
    expect(shown(change('IncidentClosed', {}))).toBe('Incident closed');
    expect(shown(change('IncidentReopened', { reason: 'New casualty figures' }))).toBe('Incident reopened: New casualty figures');
    expect(shown(change('IncidentAmended', { title: 'Villa Unión' }))).toBe('Incident amended');
  });
});
