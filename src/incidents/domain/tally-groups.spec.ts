import { arrests, hostagesTaken, killed, opened, weaponsSeized } from '../../../test/support/incident-fixtures.js';
import { ActorDirectory } from '../../actors/domain/actor-directory.js';
import { attributionOf } from './attribution.js';
import type { RecordEvent } from './events.js';
import { ledgerOf } from './record-ledger.js';
import { groupIdOf, groupTallies, inGroupOrder, type GroupableIncident, type GroupBy, UNNAMED_ACTORS } from './tally-groups.js';
import { tallyOf } from './tally.js';

const CARTEL = 'c0000000-0000-4000-8000-000000000001';
const ALIAS = 'c0000000-0000-4000-8000-000000000002';
const by = (event: RecordEvent, perpetratorActorId: string): RecordEvent => ({ ...event, data: { ...event.data, perpetratorActorId } }) as RecordEvent;

const incident = (country: string, admin1: string, occurredAt: string, records: RecordEvent[]): GroupableIncident => ({
  country,
  admin1,
  occurredAt,
  tally: tallyOf([opened, ...records]),
  attribution: attributionOf(ledgerOf(records)),
});
/** Late on 30 November in Coahuila (1 December in UTC): police killed by the cartel, civilians taken by its alias, civilians killed by no one named. */
const COAHUILA = incident('MX', 'Coahuila', '2019-11-30T23:30:00-06:00', [by(killed(1, 'police', 3), CARTEL), killed(2, 'civilian', 2), by(hostagesTaken(3, 'civilian', 2), ALIAS)]);
const ANTIOQUIA = incident('CO', 'Antioquia', '2019-12-01T10:00:00Z', [killed(1, 'police', 1), arrests(2, 4)]);
/** Neither casualties nor hostages: in the group of no party, and unattributed. */
const SEIZURE = incident('MX', 'Sinaloa', '2019-12-02T10:00:00Z', [weaponsSeized(1, 7)]);
const ALL = [COAHUILA, ANTIOQUIA, SEIZURE];

const actors = new ActorDirectory();
actors.add({ type: 'ActorRegistered', data: { actorId: CARTEL, name: 'Cartel', aliases: [], actorType: 'political_militia' } });
actors.add({ type: 'ActorRegistered', data: { actorId: ALIAS, name: 'Alias', aliases: [], actorType: 'identity_militia' } });
actors.add({ type: 'ActorMerged', data: { actorId: ALIAS, into: CARTEL } });
const CARTEL_REF = { id: CARTEL, name: 'Cartel', actorType: 'political_militia' };

const NO_KEY = { country: null, admin1: null, party: null, actor: null, day: null, month: null };
/** Each group as `[key fields set, incidents, killed best, weapons seized, arrests, hostages taken]`. */
const summary = (groupBy: GroupBy[]) =>
  groupTallies(ALL, groupBy, actors).map((group) => [
    Object.fromEntries(Object.entries(group.key).filter(([, value]) => value !== null)),
    group.incidents,
    group.killed.total.best,
    group.weaponsSeized,
    group.arrests,
    group.hostages.reduce((sum, { taken }) => sum + taken, 0),
  ]);

describe('groupTallies (docs/api.md tallies groupBy)', () => {
  it.each<[string, GroupBy[], unknown[]]>([
    ['no dimension: one group of every incident', [], [[{}, 3, 6, 7, 4, 2]]],
    ['COUNTRY, in code-point order of the key', ['COUNTRY'], [[{ country: 'CO' }, 1, 1, 0, 4, 0], [{ country: 'MX' }, 2, 5, 7, 0, 2]]],
    ['ADMIN1', ['ADMIN1'], [[{ admin1: 'Antioquia' }, 1, 1, 0, 4, 0], [{ admin1: 'Coahuila' }, 1, 5, 0, 0, 2], [{ admin1: 'Sinaloa' }, 1, 0, 7, 0, 0]]],
    ['DAY: the local date, offset included', ['DAY'], [[{ day: '2019-11-30' }, 1, 5, 0, 0, 2], [{ day: '2019-12-01' }, 1, 1, 0, 4, 0], [{ day: '2019-12-02' }, 1, 0, 7, 0, 0]]],
    ['MONTH: the local month', ['MONTH'], [[{ month: '2019-11' }, 1, 5, 0, 0, 2], [{ month: '2019-12' }, 2, 1, 7, 4, 0]]],
    ['PARTY: one group per party with figures, seizures and arrests whole in each; an incident with none in the group of no party', ['PARTY'], [[{ party: 'civilian' }, 1, 2, 0, 0, 2], [{ party: 'police' }, 2, 4, 0, 4, 0], [{}, 1, 0, 7, 0, 0]]],
    ['ACTOR: each perpetrator as its survivor, named; the rest unattributed', ['ACTOR'], [[{ actor: CARTEL_REF }, 1, 3, 0, 0, 2], [{}, 3, 3, 7, 4, 0]]],
    ['ACTOR and PARTY: each perpetrator\'s figures split per party', ['ACTOR', 'PARTY'], [[{ party: 'civilian', actor: CARTEL_REF }, 1, 0, 0, 0, 2], [{ party: 'civilian' }, 1, 2, 0, 0, 0], [{ party: 'police', actor: CARTEL_REF }, 1, 3, 0, 0, 0], [{ party: 'police' }, 1, 1, 0, 4, 0], [{}, 1, 0, 7, 0, 0]]],
    ['COUNTRY and DAY together', ['DAY', 'COUNTRY'], [[{ country: 'CO', day: '2019-12-01' }, 1, 1, 0, 4, 0], [{ country: 'MX', day: '2019-11-30' }, 1, 5, 0, 0, 2], [{ country: 'MX', day: '2019-12-02' }, 1, 0, 7, 0, 0]]],
  ])('%s', (_, groupBy, expected) => {
    expect(summary(groupBy)).toEqual(expected);
  });

  it('sets only the keys asked for, and sums every figure of the group (docs/tallies.md summing incidents)', () => {
    const [group] = groupTallies([COAHUILA, ANTIOQUIA], ['COUNTRY'], actors).filter(({ key }) => key.country === 'MX');
    expect(group.key).toEqual({ ...NO_KEY, country: 'MX' });
    expect(group.killed.total).toEqual(COAHUILA.tally.killed.total);
    expect(group.killed.byParty.map(({ party, sources }) => [party, sources])).toEqual(COAHUILA.tally.killed.byParty.map(({ party, sources }) => [party, sources]));
    expect(group.hostages).toEqual(COAHUILA.tally.hostages);
  });

  it('answers no group for no incident', () => {
    expect(groupTallies([], ['COUNTRY'], actors)).toEqual([]);
  });

  it('without a registry names each perpetrator by its id, as itself (UNNAMED_ACTORS)', () => {
    const keys = groupTallies([COAHUILA], ['ACTOR'], UNNAMED_ACTORS).map(({ key }) => key.actor);
    expect(keys).toEqual([{ id: CARTEL, name: CARTEL, actorType: 'external_force' }, { id: ALIAS, name: ALIAS, actorType: 'external_force' }, null]);
  });
});

describe('group order', () => {
  it('lists groups by identity in code-point order, whatever the order they were met in', () => {
    const ids = [{ ...NO_KEY, country: 'mx' }, { ...NO_KEY, country: 'MX' }, { ...NO_KEY, country: 'CO' }].map(groupIdOf);
    expect(inGroupOrder(new Map(ids.map((id, index) => [id, index])))).toEqual([2, 1, 0]);
    expect(inGroupOrder(new Map([[ids[1], 'MX'], [ids[1], 'again']]))).toEqual(['again']);
  });
});
