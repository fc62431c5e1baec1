import { MEDIA, arrests, hostagesKilled, hostagesTaken, killed, vehiclesSeized, weaponsSeized } from '../../../test/support/incident-fixtures.js';
import { sumTallies } from './tally-arithmetic.js';
import { tallyOf } from './tally.js';

describe('sumTallies of seizures, arrests and hostages', () => {
  it('adds every count of every incident, none taken for another', () => {
    const first = tallyOf([weaponsSeized(1, 30), vehiclesSeized(2, 2), arrests(3, 4), hostagesTaken(4, 'police', 3), hostagesKilled(5, 'police', 1)]);
    const second = tallyOf([weaponsSeized(1, 12), arrests(2, 1), hostagesTaken(3, 'police', 2)]);
    expect(sumTallies([first, second])).toMatchObject({
      weaponsSeized: 42,
      vehiclesSeized: 2,
      arrests: 5,
      hostages: [{ party: 'police', taken: 5, released: 0, rescued: 0, escaped: 0, killed: 1, held: 4 }],
    });
  });
});

describe('sumTallies of one source spelled differently in different incidents', () => {
  it('adds its figures as one source, shown by the spelling that sorts first, whatever the order of incidents', () => {
    const upper = tallyOf([killed(1, 'police', 2, 'incremental', { ...MEDIA, name: 'EL SIGLO DE TORREÓN' })]);
    const usual = tallyOf([killed(1, 'police', 3, 'incremental', MEDIA)]);
    const source = [{ name: 'EL SIGLO DE TORREÓN', figure: 5 }];
    expect(sumTallies([upper, usual]).killed.byParty[0]).toMatchObject({ numberOfSources: 1, sources: source });
    expect(sumTallies([usual, upper]).killed.byParty[0]).toMatchObject({ numberOfSources: 1, sources: source });
  });
});
