import fc from 'fast-check';
import { hostagesTaken, killed, opened } from '../../../test/support/incident-fixtures.js';
import { ActorDirectory } from '../../actors/domain/actor-directory.js';
import { attributionOf } from './attribution.js';
import type { RecordEvent } from './events.js';
import { filterableOf, type IncidentFilter, invertedWindow, matchesFilter } from './incident-filter.js';
import { timeWindowOf, withinWindow } from './local-date.js';
import { ledgerOf } from './record-ledger.js';
import { tallyOf } from './tally.js';

const actorId = (n: number): string => `a0000000-0000-4000-8000-00000000000${n}`;
const [CARTEL, ALIAS, POLICE, REBEL, BYSTANDER] = [1, 2, 3, 4, 5].map(actorId);
const actors = new ActorDirectory();
for (const [id, actorType] of [[CARTEL, 'political_militia'], [ALIAS, 'identity_militia'], [POLICE, 'state_forces'], [REBEL, 'rebel_group'], [BYSTANDER, 'civilians']] as const) {
  actors.add({ type: 'ActorRegistered', data: { actorId: id, name: id, aliases: [], actorType } });
}
actors.add({ type: 'ActorMerged', data: { actorId: ALIAS, into: CARTEL } });

const by = (event: RecordEvent, perpetratorActorId: string): RecordEvent => ({ ...event, data: { ...event.data, perpetratorActorId } }) as RecordEvent;
const records = [by(killed(1, 'police', 2), REBEL), by(hostagesTaken(2, 'civilian', 1), ALIAS)];
/** Opened late on 30 November in Coahuila (1 December in UTC); POLICE attached; REBEL and ALIAS (merged into CARTEL) perpetrators. */
const INCIDENT = filterableOf({
  status: 'open',
  fields: { ...opened.data, occurredAt: '2019-11-30T23:30:00-06:00' },
  actors: new Map([[POLICE, 'side_b']]),
  tally: tallyOf([opened, ...records]),
  attribution: attributionOf(ledgerOf(records)),
});

describe('filterableOf', () => {
  it('reads the fields the filter compares, and the actors attached or named as perpetrators, each once', () => {
    expect(INCIDENT).toEqual({ status: 'open', category: 'battle', country: 'MX', admin1: 'Coahuila', occurredAt: '2019-11-30T23:30:00-06:00', actorIds: [POLICE, ALIAS, REBEL] });
  });
});

describe('matchesFilter (docs/api.md incident filters)', () => {
  it.each<[string, IncidentFilter, boolean]>([
    ['no condition', {}, true],
    ['its country', { country: 'MX' }, true],
    ['its country in lower case', { country: 'mx' }, true],
    ['another country', { country: 'CO' }, false],
    ['its admin1', { admin1: 'Coahuila' }, true],
    ['admin1 in another case (compared as written)', { admin1: 'coahuila' }, false],
    ['its status', { status: 'open' }, true],
    ['another status', { status: 'closed' }, false],
    ['its category', { category: 'battle' }, true],
    ['another category', { category: 'riot' }, false],
    ['from its local date', { occurredFrom: '2019-11-30' }, true],
    ['to its local date (the whole local day)', { occurredTo: '2019-11-30' }, true],
    ['from the day after its local date', { occurredFrom: '2019-12-01' }, false],
    ['to the day before its local date', { occurredTo: '2019-11-29' }, false],
    ['from its very instant', { occurredFrom: '2019-12-01T05:30:00Z' }, true],
    ['to its very instant', { occurredTo: '2019-12-01T05:30:00Z' }, true],
    ['from a millisecond after it', { occurredFrom: '2019-12-01T05:30:00.001Z' }, false],
    ['to a millisecond before it', { occurredTo: '2019-12-01T05:29:59.999Z' }, false],
    ['an attached actor', { actorId: POLICE }, true],
    ['a perpetrator of a figure', { actorId: REBEL }, true],
    ['the survivor of a perpetrator merged into it', { actorId: CARTEL }, true],
    ['an actor merged into the same survivor', { actorId: ALIAS }, true],
    ['an actor not involved', { actorId: BYSTANDER }, false],
    ['the type of an attached actor', { actorType: 'state_forces' }, true],
    ['the type of a perpetrator\'s survivor', { actorType: 'political_militia' }, true],
    ['the type a merged perpetrator had before its merge', { actorType: 'identity_militia' }, false],
    ['a type no involved actor has', { actorType: 'civilians' }, false],
    ['every condition it meets', { country: 'mx', admin1: 'Coahuila', status: 'open', category: 'battle', occurredFrom: '2019-11-30', occurredTo: '2019-11-30', actorId: CARTEL, actorType: 'rebel_group' }, true],
    ['all but one condition it meets', { country: 'mx', admin1: 'Coahuila', status: 'open', category: 'battle', occurredFrom: '2019-11-30', occurredTo: '2019-11-30', actorId: CARTEL, actorType: 'civilians' }, false],
  ])('%s', (_, filter, expected) => {
    expect(matchesFilter(INCIDENT, filter, actors)).toBe(expected);
  });

  it('matches no actor condition for an incident that involves no actor', () => {
    const alone = { ...INCIDENT, actorIds: [] };
    expect(matchesFilter(alone, { actorId: POLICE }, actors)).toBe(false);
    expect(matchesFilter(alone, { actorType: 'state_forces' }, actors)).toBe(false);
  });
});

describe('invertedWindow (a window no incident can lie in, refused)', () => {
  it('holds two bare dates in the wrong order, and two date-times at instants in the wrong order', () => {
    expect(invertedWindow('2019-12-01', '2019-11-30')).toBe(true);
    expect(invertedWindow('2019-12-01T00:00:00Z', '2019-11-30T23:59:59Z')).toBe(true);
    expect(invertedWindow('2019-11-30', '2019-11-30')).toBe(false);
    expect(invertedWindow('2019-11-30T12:00:00Z', '2019-11-30T12:00:00Z')).toBe(false);
  });

  it('reads a bare-date end as every time of that local date, in any offset within ±14:00', () => {
    // 05:00Z on 1 December is on 1 December, and before 23:00 at −12:00 on 30 November (11:00Z on 1 December).
    expect(invertedWindow('2019-12-01', '2019-11-30T23:00:00-12:00')).toBe(false);
    expect(withinWindow('2019-12-01T05:00:00Z', timeWindowOf('2019-12-01', '2019-11-30T23:00:00-12:00'))).toBe(true);
    // 1 December begins, at +14:00, at 10:00Z on 30 November.
    expect(invertedWindow('2019-12-01', '2019-11-30T10:00:00Z')).toBe(false);
    expect(invertedWindow('2019-12-01', '2019-11-30T09:59:59.999Z')).toBe(true);
    // 30 November ends, at −14:00, at 13:59:59.999Z on 1 December.
    expect(invertedWindow('2019-12-01T13:59:59.999Z', '2019-11-30')).toBe(false);
    expect(invertedWindow('2019-12-01T14:00:00Z', '2019-11-30')).toBe(true);
  });

  it('lets a window open at either end through', () => {
    expect(invertedWindow(undefined, '2019-11-30')).toBe(false);
    expect(invertedWindow('2019-11-30', undefined)).toBe(false);
  });

  it('holds exactly when no time the transports accept lies in the window (property)', () => {
    const day = fc.integer({ min: 0, max: 3 }).map((n) => `2019-11-${String(28 + n).padStart(2, '0')}`);
    const offset = fc.integer({ min: -14 * 4, max: 14 * 4 }).map((quarters) => {
      const minutes = Math.abs(quarters) * 15;
      return `${quarters < 0 ? '-' : '+'}${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
    });
    const time = fc.oneof(day, fc.tuple(day, fc.integer({ min: 0, max: 23 }), offset).map(([date, hour, zone]) => `${date}T${String(hour).padStart(2, '0')}:00:00${zone}`));
    // The times that could lie in a window: its own ends, and each end's local date at both extreme offsets.
    const candidates = (from: string, to: string): string[] =>
      [from, to].flatMap((end) => [end, `${end.slice(0, 10)}T00:00:00+14:00`, `${end.slice(0, 10)}T23:59:59.999-14:00`]);
    fc.assert(
      fc.property(time, time, fc.array(time, { maxLength: 8 }), (from, to, others) => {
        const window = timeWindowOf(from, to);
        const inside = [...candidates(from, to), ...others].some((candidate) => withinWindow(candidate, window));
        expect(invertedWindow(from, to)).toBe(!inside);
      }),
      { numRuns: 2_000 },
    );
  });
});
