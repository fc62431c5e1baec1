import type { RecordedEvent } from '../../src/event-store/event-store.port.js';
import { schemaVersionOf } from '../../src/incidents/stored-events/incident-events.js';
import { storedData } from '../../src/event-store/envelope.js';
import { IncidentAsOfFold, inWorldTime, parseAsOf } from '../../src/incidents/audit/as-of.js';
import { parseWorldTime } from '../../src/incidents/read-models/incident-summary/incident-filter.js';
import type { IncidentEvent, RecordEvent } from '../../src/incidents/domain/events.js';
import { hostagesReleased, hostagesTaken, INCIDENT_ID, killed, opened, recordId } from '../support/incident-fixtures.js';

/** `event` as stored at `revision`, position `(revision + 1) * 10`. */
const recorded = (event: IncidentEvent, revision: number): RecordedEvent => ({
  id: `e${revision}`,
  type: event.type,
  data: storedData(event),
  metadata: { schemaVersion: schemaVersionOf(event.type) },
  stream: `incident-${INCIDENT_ID}`,
  revision: BigInt(revision),
  position: BigInt((revision + 1) * 10),
  recordedAt: new Date(0),
});

const foldAsOf = (events: readonly RecordedEvent[], at: bigint | undefined, window: ReturnType<typeof parseWorldTime> = {}) => {
  const fold = new IncidentAsOfFold(INCIDENT_ID, at, window);
  for (const event of events) fold.add(event);
  return fold.result();
};

describe('as of', () => {
  it('reads a decimal as a position and ISO text as a time (a bare date is its last millisecond)', () => {
    expect(parseAsOf('4295032833')).toEqual({ position: 4295032833n });
    expect(parseAsOf('2019-12-01T12:00:00-06:00')).toEqual({ time: new Date('2019-12-01T18:00:00Z') });
    expect(parseAsOf('2019-12-01')).toEqual({ time: new Date('2019-12-01T23:59:59.999Z') });
    expect(() => parseAsOf('yesterday')).toThrow('asOf must be');
    expect(parseWorldTime('2019-11-30', undefined)).toEqual({ from: { date: '2019-11-30' } });
  });

  it('folds a stream up to a position (a time is read as the position it stands for: docs/temporal.md)', () => {
    const events = [recorded(opened, 0), recorded(killed(1, 'police', 2), 1), recorded(killed(2, 'police', 3), 2)];
    const known = (at: bigint | undefined) => {
      const found = foldAsOf(events, at);
      return found && { revision: found.revision, position: found.position, killed: found.tally.killed.total.best };
    };
    expect(known(20n)).toEqual({ revision: 1n, position: 20n, killed: 2 });
    expect(known(29n)).toEqual({ revision: 1n, position: 20n, killed: 2 });
    expect(known(9n)).toBeUndefined();
    expect(known(undefined)).toEqual({ revision: 2n, position: 30n, killed: 5 });
  });

  it("gives a window's hostages as its records say: held is their balance, below zero when hostages taken before it are released in it", () => {
    const on = (event: RecordEvent, occurredAt: string) => ({ ...event, data: { ...event.data, occurredAt } }) as RecordEvent;
    const events = [opened, on(hostagesTaken(1, 'civilian', 2), '2019-11-30'), on(hostagesReleased(2, 'civilian', 1), '2019-12-02')].map(recorded);
    const hostages = (window: ReturnType<typeof parseWorldTime>) => foldAsOf(events, undefined, window)!.tally.hostages;
    expect(hostages({})).toMatchObject([{ party: 'civilian', taken: 2, released: 1, held: 1 }]);
    expect(hostages(parseWorldTime('2019-12-01', undefined))).toMatchObject([{ party: 'civilian', taken: 0, released: 1, held: -1 }]);
    expect(hostages(parseWorldTime(undefined, '2019-12-01'))).toMatchObject([{ party: 'civilian', taken: 2, released: 0, held: 2 }]);
  });

  it('keeps records inside the world-time window and every non-record event', () => {
    const early = killed(1, 'police', 1);
    const reported = killed(2, 'police', 2);
    const late = { ...reported, data: { ...reported.data, occurredAt: '2019-12-02T00:00:00Z' } };
    const correction = { type: 'RecordCorrected' as const, data: { incidentId: opened.data.incidentId, recordId: recordId(2), count: 3, reason: 'r' } };
    const window = parseWorldTime(undefined, '2019-12-01');
    expect([opened, early, late, correction].filter((event) => inWorldTime(event, window))).toEqual([opened, early, correction]);
  });
});
