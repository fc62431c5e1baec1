import { MEDIA, STATE_GOVERNMENT, arrests, casualties, hostagesReleased, hostagesTaken, killed, vehiclesSeized, weaponsSeized } from '../../../test/support/incident-fixtures.js';
import { figuresOf, tallyOf } from './tally.js';

describe('figuresOf', () => {
  it('names every figure by where it is: sources, then the party’s spread, then the totals, then hostages and seizures', () => {
    const tally = tallyOf([
      killed(1, 'police', 4, 'incremental', STATE_GOVERNMENT),
      killed(2, 'police', 6, 'incremental', MEDIA),
      casualties(3, { party: 'civilian', outcome: 'injured', count: 2, basis: 'incremental' }),
      hostagesTaken(4, 'civilian', 5),
      hostagesReleased(5, 'civilian', 1, 'escaped'),
      vehiclesSeized(6, 7),
      weaponsSeized(7, 8),
      arrests(8, 9),
    ]);
    expect(figuresOf(tally)).toEqual([
      [`killed.police.sources[${STATE_GOVERNMENT.name}]`, 4],
      [`killed.police.sources[${MEDIA.name}]`, 6],
      ['killed.police.best', 6],
      ['killed.police.low', 4],
      ['killed.police.high', 6],
      ['killed.total.best', 6],
      ['killed.total.low', 4],
      ['killed.total.high', 6],
      [`injured.civilian.sources[${STATE_GOVERNMENT.name}]`, 2],
      ['injured.civilian.best', 2],
      ['injured.civilian.low', 2],
      ['injured.civilian.high', 2],
      ['injured.total.best', 2],
      ['injured.total.low', 2],
      ['injured.total.high', 2],
      ['hostages.civilian.taken', 5],
      ['hostages.civilian.released', 1],
      ['hostages.civilian.rescued', 0],
      ['hostages.civilian.escaped', 1],
      ['hostages.civilian.killed', 0],
      ['hostages.civilian.held', 4],
      ['vehiclesSeized', 7],
      ['weaponsSeized', 8],
      ['arrests', 9],
    ]);
  });

  it('names the totals only, all zero, for a tally with no records', () => {
    expect(figuresOf(tallyOf([]))).toEqual([
      ['killed.total.best', 0],
      ['killed.total.low', 0],
      ['killed.total.high', 0],
      ['injured.total.best', 0],
      ['injured.total.low', 0],
      ['injured.total.high', 0],
      ['vehiclesSeized', 0],
      ['weaponsSeized', 0],
      ['arrests', 0],
    ]);
  });
});
