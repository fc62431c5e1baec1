import type { RecordedEvent } from '../../src/event-store/event-store.port.js';
import { knownPrefix, parseAsOf, parseWorldTime, withinWorldTime } from '../../src/incidents/audit/as-of.js';
import { killed, opened, recordId } from '../support/incident-fixtures.js';

const recorded = (revision: number, position: number, recordedAt: string): RecordedEvent => ({
  id: `e${revision}`, type: 'X', data: {}, metadata: { recordedAt }, stream: 's', revision: BigInt(revision), position: BigInt(position), recordedAt: new Date(0),
});

describe('as of', () => {
  it('reads a decimal as a position and ISO text as a time (a bare date is its last millisecond)', () => {
    expect(parseAsOf('4295032833')).toEqual({ position: 4295032833n });
    expect(parseAsOf('2019-12-01T12:00:00-06:00')).toEqual({ time: new Date('2019-12-01T18:00:00Z') });
    expect(parseAsOf('2019-12-01')).toEqual({ time: new Date('2019-12-01T23:59:59.999Z') });
    expect(() => parseAsOf('yesterday')).toThrow('asOf must be');
    expect(parseWorldTime('2019-11-30', undefined)).toEqual({ from: new Date('2019-11-30T00:00:00Z') });
  });

  it('cuts a stream to the prefix known then, by position or by the envelope recordedAt', () => {
    const events = [recorded(0, 10, '2019-12-01T10:00:00Z'), recorded(1, 20, '2019-12-01T11:00:00Z'), recorded(2, 30, '2019-12-01T12:00:00Z')];
    expect(knownPrefix(events, { position: 20n }).map((e) => e.revision)).toEqual([0n, 1n]);
    expect(knownPrefix(events, { time: new Date('2019-12-01T11:30:00Z') }).map((e) => e.revision)).toEqual([0n, 1n]);
    expect(knownPrefix(events, { position: 9n })).toEqual([]);
    expect(knownPrefix(events, undefined)).toHaveLength(3);
  });

  it('keeps records inside the world-time window and every non-record event', () => {
    const early = killed(1, 'police', 1);
    const reported = killed(2, 'police', 2);
    const late = { ...reported, data: { ...reported.data, occurredAt: '2019-12-02T00:00:00Z' } };
    const correction = { type: 'RecordCorrected' as const, data: { incidentId: opened.data.incidentId, recordId: recordId(2), count: 3, reason: 'r' } };
    expect(withinWorldTime([opened, early, late, correction], parseWorldTime(undefined, '2019-12-01'))).toEqual([opened, early, correction]);
  });
});
