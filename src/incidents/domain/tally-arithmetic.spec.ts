import fc from 'fast-check';
import {
  MEDIA,
  STATE_GOVERNMENT,
  arrests,
  hostagesReleased,
  hostagesTaken,
  killed,
  vehiclesSeized,
} from '../../../test/support/incident-fixtures.js';
import { PARTIES } from './events.js';
import { emptyTally, narrowTally, sumTallies } from './tally-arithmetic.js';
import { tallyOf, type CasualtyTally } from './tally.js';

const villaUnion = tallyOf([
  killed(1, 'armed_group', 14, 'cumulative', STATE_GOVERNMENT),
  killed(2, 'armed_group', 20, 'cumulative', MEDIA),
  killed(3, 'police', 4, 'cumulative', STATE_GOVERNMENT),
  hostagesTaken(4, 'civilian', 4),
  vehiclesSeized(5, 17),
]);
const culiacan = tallyOf([
  killed(1, 'armed_group', 8, 'incremental', MEDIA),
  killed(2, 'civilian', 3, 'incremental', MEDIA),
  hostagesTaken(3, 'civilian', 2),
  hostagesReleased(4, 'civilian', 2, 'rescued'),
  arrests(5, 1),
]);

describe('sumTallies', () => {
  it('is the empty tally for no incidents', () => {
    expect(sumTallies([])).toEqual(emptyTally);
  });

  it('adds best, low, high and each source’s figure per party across incidents', () => {
    const sum = sumTallies([villaUnion, culiacan]);
    expect(sum.killed.byParty).toEqual([
      {
        party: 'armed_group',
        best: 28,
        low: 22,
        high: 28,
        bestSource: null,
        numberOfSources: 2,
        sources: [
          { name: STATE_GOVERNMENT.name, figure: 14 },
          { name: MEDIA.name, figure: 28 },
        ],
      },
      { party: 'police', best: 4, low: 4, high: 4, bestSource: null, numberOfSources: 1, sources: [{ name: STATE_GOVERNMENT.name, figure: 4 }] },
      { party: 'civilian', best: 3, low: 3, high: 3, bestSource: null, numberOfSources: 1, sources: [{ name: MEDIA.name, figure: 3 }] },
    ]);
    expect(sum.killed.total).toEqual({ best: 35, low: 29, high: 35 });
  });

  it('adds hostages per party and seizures and arrests', () => {
    const sum = sumTallies([villaUnion, culiacan]);
    expect(sum.hostages).toEqual([{ party: 'civilian', taken: 6, released: 2, rescued: 2, escaped: 0, killed: 0, held: 4 }]);
    expect(sum).toMatchObject({ vehiclesSeized: 17, weaponsSeized: 0, arrests: 1 });
  });

  it('does not depend on the order of incidents, and one incident sums to itself', () => {
    const tallies = fc.constantFrom(villaUnion, culiacan, emptyTally);
    fc.assert(
      fc.property(fc.array(tallies, { maxLength: 6 }), fc.array(tallies, { maxLength: 6 }), (a, b) => {
        expect(sumTallies([...a, ...b])).toEqual(sumTallies([...b, ...a]));
        expect(sumTallies([sumTallies(a), sumTallies(b)])).toEqual(sumTallies([...a, ...b]));
      }),
    );
    // A sum names no best source (each incident's may differ); everything else of one incident sums to itself.
    const unnamed = (casualties: CasualtyTally) => ({ ...casualties, byParty: casualties.byParty.map((party) => ({ ...party, bestSource: null })) });
    expect(sumTallies([villaUnion])).toEqual({ ...villaUnion, killed: unnamed(villaUnion.killed), injured: unnamed(villaUnion.injured) });
  });
});

describe('narrowTally', () => {
  it('keeps only one party’s casualty and hostage figures, and seizures whole', () => {
    const police = narrowTally(villaUnion, 'police');
    expect(police.killed).toEqual({
      total: { best: 4, low: 4, high: 4 },
      byParty: [{ party: 'police', best: 4, low: 4, high: 4, bestSource: STATE_GOVERNMENT.name, numberOfSources: 1, sources: [{ name: STATE_GOVERNMENT.name, figure: 4 }] }],
    });
    expect(police.hostages).toEqual([]);
    expect(police.vehiclesSeized).toBe(17);
  });

  it('keeps that party’s hostages and no other’s', () => {
    const both = tallyOf([hostagesTaken(1, 'civilian', 4), hostagesTaken(2, 'police', 2)]);
    expect(narrowTally(both, 'civilian').hostages).toEqual([{ party: 'civilian', taken: 4, released: 0, rescued: 0, escaped: 0, killed: 0, held: 4 }]);
  });

  it('gives zeros for a party nobody reported on', () => {
    expect(narrowTally(villaUnion, 'military').killed.total).toEqual({ best: 0, low: 0, high: 0 });
  });

  it('splits the casualty totals exactly: the narrowed totals add up to the whole', () => {
    const best = PARTIES.reduce((sum, party) => sum + narrowTally(villaUnion, party).killed.total.best, 0);
    expect(best).toBe(villaUnion.killed.total.best);
  });
});
