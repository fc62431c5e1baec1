import type { CasualtyTally, Tally } from './api/types';
import { tallyChanges } from './tally-diff';

const none: CasualtyTally = { total: { best: 0, low: 0, high: 0 }, byParty: [] };
const tally = (overrides: Partial<Tally> = {}): Tally => ({ killed: none, injured: none, hostages: [], vehiclesSeized: 0, weaponsSeized: 0, arrests: 0, ...overrides });
const killed = (...figures: [string, number, number, number][]): CasualtyTally => ({
  total: { best: 0, low: 0, high: 0 },
  byParty: figures.map(([party, best, low, high]) => ({ party: party as 'POLICE', best, low, high, sources: [] })),
});

describe('tallyChanges (what one step of the as-of slider changed)', () => {
  it('is empty when nothing changed', () => {
    expect(tallyChanges(tally({ killed: killed(['POLICE', 4, 4, 4]) }), tally({ killed: killed(['POLICE', 4, 4, 4]) }))).toEqual([]);
  });

  it('gives a party whose figure stayed but a source row went (a retracted 0), naming the source', () => {
    const police = (sources: [string, number][]): Tally =>
      tally({ killed: { ...none, byParty: [{ party: 'POLICE', best: 5, low: 5, high: 5, sources: sources.map(([name, figure]) => ({ name, figure })) }] } });
    expect(tallyChanges(police([['Milenio', 0], ['Reforma', 5]]), police([['Reforma', 5]]))).toEqual([
      { what: 'killed, police', before: { best: 5, low: 5, high: 5 }, after: { best: 5, low: 5, high: 5 }, sources: [{ name: 'Milenio', before: 0, after: null }] },
    ]);
  });

  it('gives a party whose best, low or high moved, with its whole figure before and after', () => {
    const before = tally({ killed: killed(['POLICE', 4, 4, 4], ['UNKNOWN', 3, 3, 3]) });
    expect(tallyChanges(before, tally({ killed: killed(['POLICE', 5, 4, 5], ['UNKNOWN', 3, 3, 3]) }))).toEqual([
      { what: 'killed, police', before: { best: 4, low: 4, high: 4 }, after: { best: 5, low: 4, high: 5 } },
    ]);
    expect(tallyChanges(before, tally({ killed: killed(['POLICE', 4, 3, 4], ['UNKNOWN', 3, 3, 3]) }))[0]!.after).toEqual({ best: 4, low: 3, high: 4 });
    expect(tallyChanges(before, tally({ killed: killed(['POLICE', 4, 4, 6], ['UNKNOWN', 3, 3, 3]) }))[0]!.after).toEqual({ best: 4, low: 4, high: 6 });
  });

  it('counts from nothing when there is no tally before (the first step), and to zero when a party is gone', () => {
    expect(tallyChanges(undefined, tally({ injured: killed(['CIVILIAN', 2, 2, 2]) }))).toEqual([
      { what: 'injured, civilian', before: { best: 0, low: 0, high: 0 }, after: { best: 2, low: 2, high: 2 } },
    ]);
    expect(tallyChanges(tally({ killed: killed(['MILITARY', 16, 16, 16]) }), tally())).toEqual([
      { what: 'killed, military', before: { best: 16, low: 16, high: 16 }, after: { best: 0, low: 0, high: 0 } },
    ]);
  });

  it('gives hostage figures per party and kind, and the seizure and arrest counts', () => {
    const before = tally({ hostages: [{ party: 'CIVILIAN', taken: 4, released: 0, killed: 0, held: 4 }] });
    const after = tally({ hostages: [{ party: 'CIVILIAN', taken: 4, released: 0, killed: 2, held: 2 }], vehiclesSeized: 17, arrests: 1 });
    expect(tallyChanges(before, after).map(({ what, before: from, after: to }) => [what, from.best, to.best])).toEqual([
      ['hostages, civilian, killed', 0, 2],
      ['hostages, civilian, held', 4, 2],
      ['vehicles seized', 0, 17],
      ['arrests', 0, 1],
    ]);
  });
});
