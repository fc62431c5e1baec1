import { hostagesTaken, killed, opened } from '../../../test/support/incident-fixtures.js';
import { ActorDirectory } from '../../actors/domain/actor-directory.js';
import { attributionOf } from './attribution.js';
import type { RecordEvent } from './events.js';
import { filterableOf, type IncidentFilter, invertedWindow, matchesFilter } from './incident-filter.js';
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

describe('invertedWindow (a window that ends before it starts, refused)', () => {
  it('holds a window ending before its start, by instants between date-times and by local dates otherwise', () => {
    expect(invertedWindow('2019-12-01', '2019-11-30')).toBe(true);
    expect(invertedWindow('2019-12-01T00:00:00Z', '2019-11-30T23:59:59Z')).toBe(true);
    expect(invertedWindow('2019-12-01T10:00:00-06:00', '2019-11-30')).toBe(true);
  });

  it('lets through a window of one moment or one local day, however its ends are written, and a window open at either end', () => {
    expect(invertedWindow('2019-11-30', '2019-11-30')).toBe(false);
    expect(invertedWindow('2019-11-30T12:00:00Z', '2019-11-30T12:00:00Z')).toBe(false);
    // 20:00 at −06:00 is 02:00 UTC the next day; the bare date compares its local date, the same day.
    expect(invertedWindow('2019-11-30T20:00:00-06:00', '2019-11-30')).toBe(false);
    expect(invertedWindow('2019-11-30', '2019-11-30T08:00:00-06:00')).toBe(false);
    expect(invertedWindow(undefined, '2019-11-30')).toBe(false);
    expect(invertedWindow('2019-11-30', undefined)).toBe(false);
  });
});
