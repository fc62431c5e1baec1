import { MEDIA, casualties, hostagesTaken, killed, opened, retracted, vehiclesSeized } from '../../../test/support/incident-fixtures.js';
import { attributedTally, attributionOf, involvedActors, perpetratorsOf } from './attribution.js';
import type { IncidentEvent, RecordEvent } from './events.js';
import { ledgerOf } from './record-ledger.js';
import { tallyOf } from './tally.js';

const CARTEL = 'c0000000-0000-4000-8000-000000000001';
const POLICE = 'c0000000-0000-4000-8000-000000000002';
const ALIAS = 'c0000000-0000-4000-8000-000000000003';

const by = <E extends RecordEvent>(event: E, perpetratorActorId: string): E => ({ ...event, data: { ...event.data, perpetratorActorId } });
const asItself = (actorId: string) => actorId;

function parts(events: IncidentEvent[], survivorOf = asItself) {
  const tally = tallyOf(events);
  const attribution = attributionOf(ledgerOf(events));
  const perpetrators = perpetratorsOf(tally, attribution, survivorOf);
  return { tally, perpetrators, part: (actor: string | null) => attributedTally(tally, attribution, actor, survivorOf) };
}

describe('attribution (groupBy ACTOR)', () => {
  it('gives a figure to the perpetrator of the latest live record of its pair that names one', () => {
    const { perpetrators, part } = parts([opened, by(killed(1, 'police', 4), POLICE), by(killed(2, 'police', 5, 'cumulative', MEDIA), CARTEL), killed(3, 'police', 1)]);
    expect(perpetrators).toEqual([CARTEL]);
    // Best is the state government's 4 + 1, the latest source on the pair.
    expect(part(CARTEL).killed.total.best).toBe(5);
    expect(part(POLICE).killed.byParty).toEqual([]);
  });

  it('ignores retracted records', () => {
    const { perpetrators } = parts([opened, by(killed(1, 'police', 4), POLICE), by(killed(2, 'police', 1), CARTEL), retracted(2)]);
    expect(perpetrators).toEqual([POLICE]);
  });

  it('splits an incident into parts that add up to its tally, unattributed first', () => {
    const events = [opened, by(killed(1, 'police', 4), CARTEL), killed(2, 'civilian', 2), by(hostagesTaken(3, 'civilian', 3), CARTEL), hostagesTaken(4, 'police', 1), casualties(5, { party: 'armed_group', outcome: 'injured', count: 2, basis: 'incremental' })];
    const { tally, perpetrators, part } = parts(events);
    expect(perpetrators).toEqual([null, CARTEL]);
    expect(part(null).killed.total.best + part(CARTEL).killed.total.best).toBe(tally.killed.total.best);
    expect(part(null).injured.total.best).toBe(2);
    expect(part(CARTEL).hostages.map((h) => h.party)).toEqual(['civilian']);
    expect(part(null).hostages.map((h) => h.party)).toEqual(['police']);
  });

  it('answers merged actors as their survivor', () => {
    const events = [opened, by(killed(1, 'police', 4), ALIAS), by(killed(2, 'civilian', 2), CARTEL)];
    const merged = (actorId: string) => (actorId === ALIAS ? CARTEL : actorId);
    expect(parts(events).perpetrators).toEqual([CARTEL, ALIAS].sort());
    expect(parts(events, merged).perpetrators).toEqual([CARTEL]);
    expect(parts(events, merged).part(CARTEL).killed.total.best).toBe(6);
  });

  it('puts an incident without casualty or hostage figures in the unattributed group, with its seizures', () => {
    const { perpetrators, part } = parts([opened, vehiclesSeized(1, 3)]);
    expect(perpetrators).toEqual([null]);
    expect(part(null).vehiclesSeized).toBe(3);
  });
});

describe('attribution of injuries and hostages, and the order of perpetrators', () => {
  const injured = (n: number, party: 'police' | 'civilian', count: number) => casualties(n, { party, outcome: 'injured', count, basis: 'incremental' });

  it('gives an injured figure to its perpetrator, apart from the killed of the same party', () => {
    const { perpetrators, part } = parts([opened, by(injured(1, 'police', 3), CARTEL), killed(2, 'police', 1)]);
    expect(perpetrators).toEqual([null, CARTEL]);
    expect(part(CARTEL).injured.total.best).toBe(3);
    expect(part(CARTEL).killed.byParty).toEqual([]);
    expect(part(null).injured.byParty).toEqual([]);
  });

  it('names the perpetrator of an incident whose only figures are hostages', () => {
    expect(parts([opened, by(hostagesTaken(1, 'civilian', 2), POLICE)]).perpetrators).toEqual([POLICE]);
  });

  it('keeps the perpetrator when a later record of the pair names none', () => {
    const namesNone = killed(2, 'police', 1);
    const events = [opened, by(killed(1, 'police', 4), CARTEL), { ...namesNone, data: { ...namesNone.data, perpetratorActorId: undefined } }];
    expect(parts(events).perpetrators).toEqual([CARTEL]);
  });

  // Parties tally in the order armed_group, police, military, civilian.
  it.each([
    ['unattributed last', [by(killed(1, 'armed_group', 1), ALIAS), by(killed(2, 'police', 1), POLICE), killed(3, 'military', 1)], [null, POLICE, ALIAS]],
    ['already in order', [killed(1, 'armed_group', 1), by(killed(2, 'police', 1), POLICE), by(killed(3, 'military', 1), ALIAS)], [null, POLICE, ALIAS]],
    ['mixed', [by(killed(1, 'armed_group', 1), POLICE), killed(2, 'police', 1), by(killed(3, 'military', 1), ALIAS), by(killed(4, 'civilian', 1), CARTEL)], [null, CARTEL, POLICE, ALIAS]],
  ])('lists perpetrators unattributed first, then by id, whatever order the figures come in (%s)', (_case, records, expected) => {
    expect(parts([opened, ...records]).perpetrators).toEqual(expected);
  });
});

describe('involved actors (filters actorId, actorType)', () => {
  const involved = (attached: string[], events: IncidentEvent[]) => involvedActors(attached, tallyOf(events), attributionOf(ledgerOf(events)));

  it('are the attached actors, then the perpetrators the figures are attributed to, each once', () => {
    expect(involved([POLICE, ALIAS], [opened, by(killed(1, 'police', 4), CARTEL), by(hostagesTaken(2, 'civilian', 3), ALIAS)])).toEqual([POLICE, ALIAS, CARTEL]);
  });

  it('take the perpetrators of killed, injured and hostage figures, in id order', () => {
    const injured = casualties(2, { party: 'police', outcome: 'injured', count: 2, basis: 'incremental' });
    expect(involved([], [opened, by(killed(1, 'police', 4), ALIAS), by(injured, CARTEL), by(hostagesTaken(3, 'civilian', 3), POLICE)])).toEqual([CARTEL, POLICE, ALIAS]);
  });

  it('keep the perpetrator when a later record of the pair names none', () => {
    const unnamed = killed(2, 'police', 1);
    expect(involved([], [opened, by(killed(1, 'police', 4), CARTEL), { ...unnamed, data: { ...unnamed.data, perpetratorActorId: undefined } }])).toEqual([CARTEL]);
  });

  it('leave out a perpetrator no figure is attributed to any more, and unattributed figures', () => {
    expect(involved([], [opened, by(killed(1, 'police', 4), POLICE), by(killed(2, 'police', 5), CARTEL), killed(3, 'civilian', 1)])).toEqual([CARTEL]);
    expect(involved([ALIAS], [opened, vehiclesSeized(1, 2)])).toEqual([ALIAS]);
  });
});
