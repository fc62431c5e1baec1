import {
  MEDIA,
  STATE_GOVERNMENT,
  arrests,
  casualties,
  closed,
  corrected,
  hostagesKilled,
  hostagesReleased,
  hostagesTaken,
  killed,
  note,
  opened,
  retracted,
  vehiclesSeized,
  villaUnionCasualties,
  weaponsSeized,
} from '../../../test/support/incident-fixtures.js';
import type { Source } from './events.js';
import { tallyOf } from './tally.js';

const WITNESS: Source = { name: 'A witness', kind: 'witness' };

/** The worked example (docs/tallies.md): three incremental reports, then one cumulative statement, all from the state government. */
const villaUnion = [...villaUnionCasualties, hostagesTaken(8, 'civilian', 4), vehiclesSeized(9, 17)];

const gov = (figure: number) => [{ name: STATE_GOVERNMENT.name, figure }];

describe('tallyOf', () => {
  describe('worked example: Villa Unión', () => {
    const tally = tallyOf(villaUnion);

    it('gives its fields in one order (answers are the same JSON whichever path computed them)', () => {
      expect(Object.keys(tally)).toEqual(['killed', 'injured', 'hostages', 'vehiclesSeized', 'weaponsSeized', 'arrests']);
    });

    it('counts 23 killed, not 31: the cumulative statement replaces the increments', () => {
      expect(tally.killed.total).toEqual({ best: 23, low: 23, high: 23 });
    });

    it('lists killed per party in party order, each with its source figures', () => {
      expect(tally.killed.byParty).toEqual([
        { party: 'armed_group', best: 14, low: 14, high: 14, bestSource: STATE_GOVERNMENT.name, numberOfSources: 1, sources: gov(14) },
        { party: 'police', best: 4, low: 4, high: 4, bestSource: STATE_GOVERNMENT.name, numberOfSources: 1, sources: gov(4) },
        { party: 'civilian', best: 2, low: 2, high: 2, bestSource: STATE_GOVERNMENT.name, numberOfSources: 1, sources: gov(2) },
        { party: 'unknown', best: 3, low: 3, high: 3, bestSource: STATE_GOVERNMENT.name, numberOfSources: 1, sources: gov(3) },
      ]);
    });

    it('counts injured, hostages and seizures separately', () => {
      expect(tally.injured).toEqual({
        total: { best: 6, low: 6, high: 6 },
        byParty: [{ party: 'police', best: 6, low: 6, high: 6, bestSource: STATE_GOVERNMENT.name, numberOfSources: 1, sources: gov(6) }],
      });
      expect(tally.hostages).toEqual([{ party: 'civilian', taken: 4, released: 0, rescued: 0, escaped: 0, killed: 0, held: 4 }]);
      expect(tally).toMatchObject({ vehiclesSeized: 17, weaponsSeized: 0, arrests: 0 });
    });
  });

  it('is all zeros and empty lists for an incident without records', () => {
    expect(tallyOf([opened, note(1), closed])).toEqual({
      killed: { total: { best: 0, low: 0, high: 0 }, byParty: [] },
      injured: { total: { best: 0, low: 0, high: 0 }, byParty: [] },
      hostages: [],
      vehiclesSeized: 0,
      weaponsSeized: 0,
      arrests: 0,
    });
  });

  describe('one source', () => {
    it('adds increments after a cumulative statement', () => {
      expect(tallyOf([killed(1, 'police', 4, 'cumulative'), killed(2, 'police', 2)]).killed.total.best).toBe(6);
    });

    it('lets a later cumulative 0 wipe earlier increments', () => {
      expect(tallyOf([killed(1, 'police', 4), killed(2, 'police', 0, 'cumulative')]).killed.byParty).toEqual([
        { party: 'police', best: 0, low: 0, high: 0, bestSource: STATE_GOVERNMENT.name, numberOfSources: 1, sources: gov(0) },
      ]);
    });

    it('refolds after a correction', () => {
      const history = [killed(1, 'armed_group', 7), killed(2, 'armed_group', 7), killed(3, 'armed_group', 2)];
      expect(tallyOf([...history, corrected(1, 5)]).killed.total.best).toBe(14);
      const withCumulative = [killed(1, 'armed_group', 14, 'cumulative'), killed(2, 'armed_group', 2)];
      expect(tallyOf([...withCumulative, corrected(1, 10)]).killed.total.best).toBe(12);
      expect(tallyOf([...withCumulative, corrected(1, 10), corrected(1, 11)]).killed.total.best).toBe(13);
    });

    it('drops a retracted record and refolds what remains', () => {
      const history = [killed(1, 'armed_group', 7), killed(2, 'armed_group', 14, 'cumulative'), killed(3, 'armed_group', 1)];
      expect(tallyOf(history).killed.total.best).toBe(15);
      expect(tallyOf([...history, retracted(2)]).killed.total.best).toBe(8);
    });

    it('drops a party whose every record is retracted', () => {
      expect(tallyOf([killed(1, 'police', 4), killed(2, 'civilian', 1), retracted(1)]).killed.byParty.map((p) => p.party)).toEqual([
        'civilian',
      ]);
    });
  });

  describe('several sources', () => {
    const history = [
      killed(1, 'armed_group', 14, 'cumulative', STATE_GOVERNMENT),
      killed(2, 'armed_group', 20, 'cumulative', MEDIA),
      killed(3, 'armed_group', 2, 'incremental', WITNESS),
    ];

    it('takes best from the source that reported last, low and high over all sources', () => {
      expect(tallyOf(history).killed.byParty).toEqual([
        {
          party: 'armed_group',
          best: 2,
          low: 2,
          high: 20,
          bestSource: 'A witness',
          numberOfSources: 3,
          sources: [
            { name: 'A witness', figure: 2 },
            { name: 'Coahuila state government', figure: 14 },
            { name: 'El Siglo de Torreón', figure: 20 },
          ],
        },
      ]);
    });

    it('moves best back to a source that reports again, even with a correction of an older record elsewhere', () => {
      const later = [...history, killed(4, 'armed_group', 16, 'cumulative', STATE_GOVERNMENT), corrected(2, 21)];
      expect(tallyOf(later).killed.byParty[0]).toMatchObject({ best: 16, low: 2, high: 21 });
    });

    it('falls back to the previous source when the latest report is retracted', () => {
      expect(tallyOf([...history, retracted(3)]).killed.byParty[0]).toMatchObject({ best: 20, low: 14, high: 20 });
    });

    it('decides best per party: each party follows its own latest source', () => {
      const tally = tallyOf([
        killed(1, 'police', 4, 'cumulative', STATE_GOVERNMENT),
        killed(2, 'armed_group', 20, 'cumulative', MEDIA),
        killed(3, 'police', 5, 'cumulative', MEDIA),
        killed(4, 'armed_group', 14, 'cumulative', STATE_GOVERNMENT),
      ]);
      expect(tally.killed.byParty.map(({ party, best, low, high }) => ({ party, best, low, high }))).toEqual([
        { party: 'armed_group', best: 14, low: 14, high: 20 },
        { party: 'police', best: 5, low: 4, high: 5 },
      ]);
      expect(tally.killed.total).toEqual({ best: 19, low: 18, high: 25 });
    });

    it('keeps killed and injured apart: a report on one outcome does not make its source latest on the other', () => {
      const tally = tallyOf([
        killed(1, 'police', 4, 'cumulative', STATE_GOVERNMENT),
        killed(2, 'police', 6, 'cumulative', MEDIA),
        casualties(3, { party: 'police', outcome: 'injured', count: 1, basis: 'incremental' }, STATE_GOVERNMENT),
      ]);
      expect(tally.killed.total.best).toBe(6);
      expect(tally.injured.total.best).toBe(1);
    });
  });

  describe('hostages', () => {
    it('tracks taken, released (with how), killed and held per party', () => {
      const tally = tallyOf([
        hostagesTaken(1, 'civilian', 4),
        hostagesTaken(2, 'police', 2),
        hostagesReleased(3, 'civilian', 1, 'rescued'),
        hostagesReleased(4, 'civilian', 1, 'escaped'),
        hostagesReleased(5, 'civilian', 1, 'released'),
        hostagesKilled(6, 'police', 2),
      ]);
      expect(tally.hostages).toEqual([
        { party: 'police', taken: 2, released: 0, rescued: 0, escaped: 0, killed: 2, held: 0 },
        { party: 'civilian', taken: 4, released: 3, rescued: 1, escaped: 1, killed: 0, held: 1 },
      ]);
    });

    it('applies corrections and retractions, and never feeds the casualty tallies', () => {
      const tally = tallyOf([hostagesTaken(1, 'civilian', 4), hostagesKilled(2, 'civilian', 2), corrected(1, 5), retracted(2)]);
      expect(tally.hostages).toEqual([{ party: 'civilian', taken: 5, released: 0, rescued: 0, escaped: 0, killed: 0, held: 5 }]);
      expect(tally.killed.total.best).toBe(0);
    });
  });

  it('sums seizures and arrests over non-retracted records, with corrections', () => {
    const tally = tallyOf([
      vehiclesSeized(1, 17),
      vehiclesSeized(2, 3),
      weaponsSeized(3, 30),
      arrests(4, 2),
      arrests(5, 1),
      retracted(2),
      corrected(4, 3),
    ]);
    expect(tally).toMatchObject({ vehiclesSeized: 17, weaponsSeized: 30, arrests: 4 });
  });

  it('answers "as of" by folding a prefix of the stream', () => {
    expect(tallyOf(villaUnion.slice(0, 4)).killed.total.best).toBe(17);
  });
});
