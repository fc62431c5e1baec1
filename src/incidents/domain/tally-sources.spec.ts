import { casualties, hostagesReleased, hostagesTaken, MEDIA, STATE_GOVERNMENT, killed, opened, retracted, villaUnionCasualties } from '../../../test/support/incident-fixtures.js';
import { amended, registered } from '../../../test/support/source-fixtures.js';
import { directoryOf } from '../../sources/domain/source-directory.js';
import type { Source } from './events.js';
import { ledgerOf } from './record-ledger.js';
import { figuresOf, MAX_FIGURE, spellingFoldsOf, talliesByPolicy, tallyOf, tallyOfParts } from './tally.js';

/** docs/sources.md source identity and best-figure policies, as the tally applies them. */

const RADIO_COMPOSED: Source = { name: 'Radio F\u00f3rmula', kind: 'media' };
const RADIO_DECOMPOSED: Source = { name: 'Radio Fo\u0301rmula', kind: 'media' };
const POST: Source = { name: 'Anonymous social-media post', kind: 'social_media' };
const GOBIERNO: Source = { name: 'Gobierno de Coahuila', kind: 'government' };

describe('tallyOf: source identity', () => {
  it('counts Radio Fórmula with a composed and a decomposed accent as one source, shown as first spelled', () => {
    const party = tallyOf([opened, killed(1, 'police', 4, 'cumulative', RADIO_COMPOSED), killed(2, 'police', 6, 'cumulative', RADIO_DECOMPOSED)]).killed.byParty[0];
    expect(party).toEqual({ party: 'police', best: 6, low: 6, high: 6, bestSource: RADIO_COMPOSED.name, numberOfSources: 1, sources: [{ name: RADIO_COMPOSED.name, figure: 6 }] });
  });

  it('folds spellings that differ in case and spaces, incremental reports adding up', () => {
    const respelled = { name: ' el  SIGLO de torreón', kind: 'media' } as const;
    const party = tallyOf([opened, killed(1, 'police', 4, 'incremental', MEDIA), killed(2, 'police', 3, 'incremental', respelled)]).killed.byParty[0];
    expect(party).toMatchObject({ best: 7, low: 7, high: 7, numberOfSources: 1, sources: [{ name: MEDIA.name, figure: 7 }] });
  });

  it('shows the first spelling among the live records: a retracted first report leaves the next one’s', () => {
    const history = [opened, killed(1, 'police', 4, 'cumulative', RADIO_DECOMPOSED), killed(2, 'police', 6, 'cumulative', RADIO_COMPOSED)];
    expect(tallyOf(history).killed.byParty[0].bestSource).toBe(RADIO_DECOMPOSED.name);
    expect(tallyOf([...history, retracted(1)]).killed.byParty[0].bestSource).toBe(RADIO_COMPOSED.name);
  });

  it('shows an unregistered source by its first spelling on every party and outcome, whichever pair it reported on first', () => {
    const shouted = { name: 'EL SIGLO DE TORREÓN', kind: 'media' } as const;
    const tally = tallyOf([opened, casualties(1, { party: 'civilian', outcome: 'injured', count: 2, basis: 'cumulative' }, MEDIA), killed(2, 'police', 4, 'cumulative', shouted)]);
    expect(tally.killed.byParty[0].sources).toEqual([{ name: MEDIA.name, figure: 4 }]);
    expect(tally.injured.byParty[0].sources).toEqual([{ name: MEDIA.name, figure: 2 }]);
  });

  describe('registered aliases fold from the moment they are registered', () => {
    const history = [opened, killed(1, 'armed_group', 14, 'cumulative', STATE_GOVERNMENT), killed(2, 'armed_group', 16, 'cumulative', GOBIERNO)];

    it('keeps an alias apart before its registration (an asOf before it)', () => {
      const party = tallyOf(history, { directory: directoryOf([registered({ aliases: [] })]) }).killed.byParty[0];
      expect(party).toMatchObject({ low: 14, high: 16, numberOfSources: 2 });
    });

    it('counts the alias as the registered source after it, under the registered name', () => {
      const party = tallyOf(history, { directory: directoryOf([registered({ aliases: [] }), amended({ aliases: ['GOBIERNO DE COAHUILA'] })]) }).killed.byParty[0];
      expect(party).toEqual({
        party: 'armed_group',
        best: 16,
        low: 16,
        high: 16,
        bestSource: STATE_GOVERNMENT.name,
        numberOfSources: 1,
        sources: [{ name: STATE_GOVERNMENT.name, figure: 16 }],
      });
    });

    it('shows a registered source by its registered name, even when no record spelled it so', () => {
      const party = tallyOf([opened, killed(1, 'armed_group', 14, 'cumulative', GOBIERNO)], { directory: directoryOf([registered()]) }).killed.byParty[0];
      expect(party.sources).toEqual([{ name: STATE_GOVERNMENT.name, figure: 14 }]);
    });

    it('folds each name on its own and gives the source the figure of the name that reported last: increments under two names do not add up', () => {
      const directory = directoryOf([registered()]);
      const governmentLast = [opened, killed(1, 'armed_group', 3, 'incremental', GOBIERNO), killed(2, 'armed_group', 5, 'incremental', STATE_GOVERNMENT)];
      expect(tallyOf(governmentLast, { directory }).killed.byParty[0]).toMatchObject({ best: 5, low: 5, high: 5, numberOfSources: 1, sources: [{ name: STATE_GOVERNMENT.name, figure: 5 }] });
      const aliasLast = [opened, killed(1, 'armed_group', 5, 'incremental', STATE_GOVERNMENT), killed(2, 'armed_group', 3, 'incremental', GOBIERNO), killed(3, 'armed_group', 2, 'incremental', STATE_GOVERNMENT)];
      expect(tallyOf(aliasLast, { directory }).killed.byParty[0]).toMatchObject({ best: 7, numberOfSources: 1, sources: [{ name: STATE_GOVERNMENT.name, figure: 7 }] });
      expect(tallyOf(aliasLast.slice(0, 3), { directory }).killed.byParty[0].sources).toEqual([{ name: STATE_GOVERNMENT.name, figure: 3 }]);
    });

    it('cannot raise a figure past MAX_FIGURE (docs/figure-limits.md limits): two names each at the limit give the limit, under every policy', () => {
      const atLimit = (source: Source, from: number) => Array.from({ length: 100 }, (_, i) => killed(from + i, 'police', MAX_FIGURE / 100, 'incremental', source));
      const history = [opened, ...atLimit(STATE_GOVERNMENT, 1), ...atLimit(GOBIERNO, 101)];
      const tallies = talliesByPolicy(ledgerOf(history), directoryOf([registered()]));
      for (const tally of Object.values(tallies)) {
        expect(tally.killed.byParty[0]).toMatchObject({ best: MAX_FIGURE, low: MAX_FIGURE, high: MAX_FIGURE, numberOfSources: 1 });
        expect(Math.max(...figuresOf(tally).map(([, value]) => value))).toBe(MAX_FIGURE);
      }
    });

    it('sets an alias free again when an amendment drops it', () => {
      const directory = directoryOf([registered(), amended({ aliases: [] })]);
      expect(tallyOf(history, { directory }).killed.byParty[0].numberOfSources).toBe(2);
    });
  });
});

describe('tallyOf: best-figure policies', () => {
  const statement = [opened, killed(1, 'civilian', 12, 'cumulative', STATE_GOVERNMENT), killed(2, 'civilian', 40, 'cumulative', POST)];
  const rated = directoryOf([registered()]);

  it('LATEST (the default): the anonymous post recorded after the government’s statement replaces it', () => {
    expect(tallyOf(statement, { directory: rated }).killed.byParty[0]).toMatchObject({ best: 40, bestSource: POST.name });
  });

  it('MOST_RELIABLE: the post does not replace the statement of the government, registered with reliability A', () => {
    expect(tallyOf(statement, { policy: 'MOST_RELIABLE', directory: rated }).killed).toEqual({
      total: { best: 12, low: 12, high: 40 },
      byParty: [{ party: 'civilian', best: 12, low: 12, high: 40, bestSource: STATE_GOVERNMENT.name, numberOfSources: 2, sources: expect.any(Array) }],
    });
  });

  it('MOST_RELIABLE without a registry is LATEST: every source is unrated', () => {
    expect(tallyOf(statement, { policy: 'MOST_RELIABLE' }).killed.byParty[0]).toMatchObject({ best: 40, bestSource: POST.name });
  });

  it('MEDIAN: the lower median of the sources’ figures', () => {
    const three = [...statement, killed(3, 'civilian', 20, 'cumulative', MEDIA)];
    expect(tallyOf(three, { policy: 'MEDIAN' }).killed.byParty[0]).toMatchObject({ best: 20, bestSource: MEDIA.name });
    expect(tallyOf(statement, { policy: 'MEDIAN' }).killed.byParty[0]).toMatchObject({ best: 12, bestSource: STATE_GOVERNMENT.name });
  });

  describe('worked example: Villa Unión', () => {
    it('gives 23 killed under LATEST', () => {
      expect(tallyOf(villaUnionCasualties).killed.total).toEqual({ best: 23, low: 23, high: 23 });
    });

    it('gives a second, lower source’s figure under CONSERVATIVE, summed over parties', () => {
      const lower = [...villaUnionCasualties, killed(8, 'armed_group', 9, 'cumulative', MEDIA)];
      const tally = tallyOf(lower, { policy: 'CONSERVATIVE' });
      expect(tally.killed.byParty[0]).toMatchObject({ party: 'armed_group', best: 9, low: 9, high: 14, bestSource: MEDIA.name, numberOfSources: 2 });
      expect(tally.killed.total).toEqual({ best: 18, low: 18, high: 23 });
      expect(tallyOf(lower).killed.total.best).toBe(18);
      expect(tallyOf([...lower, killed(9, 'armed_group', 14, 'cumulative')]).killed.total.best).toBe(23);
      expect(tallyOf([...lower, killed(9, 'armed_group', 14, 'cumulative')], { policy: 'CONSERVATIVE' }).killed.total.best).toBe(18);
    });
  });
});

describe('tallyOfParts: the tally from the parts the temporal read model stores', () => {
  const history = [
    opened,
    ...villaUnionCasualties,
    killed(90, 'police', 3, 'incremental', GOBIERNO),
    retracted(2),
    hostagesTaken(91, 'civilian', 5),
    hostagesReleased(92, 'civilian', 2, 'rescued'),
  ];
  const ledger = ledgerOf(history);

  it('indexes each spelling’s first and last live records by their place in the ledger, from 0', () => {
    const [first] = spellingFoldsOf(ledgerOf([opened, killed(1, 'police', 4), killed(2, 'police', 3)]));
    expect(first).toMatchObject({ figure: 7, firstIndex: 0, lastIndex: 1 });
  });

  it.each([
    ['without a registry', {}],
    ['with an alias registered, under MOST_RELIABLE', { policy: 'MOST_RELIABLE' as const, directory: directoryOf([registered(), amended({ aliases: ['GOBIERNO DE COAHUILA'] })]) }],
  ])('gives the tally of the ledger the parts come from, %s', (_, view) => {
    const { killed: _killed, injured: _injured, ...final } = tallyOf(history, view);
    expect(tallyOfParts({ ...final, spellings: spellingFoldsOf(ledger) }, view)).toEqual(tallyOf(history, view));
  });
});
