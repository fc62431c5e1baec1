import { recordedAtOf } from '../../src/event-store/envelope.js';
import type { RecordedEvent } from '../../src/event-store/event-store.port.js';

const committed = new Date('2026-12-01T10:00:00.000Z');
const event = (recordedAt: unknown): RecordedEvent =>
  ({ id: '0b0f0000-0000-4000-8000-000000000000', stream: 'incident-x', type: 'IncidentOpened', revision: 0n, position: 1n, data: {}, metadata: { recordedAt }, recordedAt: committed }) as unknown as RecordedEvent;

describe("recordedAtOf: an event's one recordedAt (docs/time-and-place.md)", () => {
  it("is the envelope's, as stamped", () => {
    expect(recordedAtOf(event('2019-11-30T18:00:00.000Z'))).toEqual(new Date('2019-11-30T18:00:00.000Z'));
  });

  it("is the store's commit time without one, or with one no layer can hold (so no projection stops on it)", () => {
    for (const stamped of [undefined, 7, 'not a date', '-005000-01-01T00:00:00.000Z', '+010000-01-01T00:00:00.000Z']) {
      expect(recordedAtOf(event(stamped))).toBe(committed);
    }
  });
});
