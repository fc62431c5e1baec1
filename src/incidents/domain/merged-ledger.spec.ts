import { corrected, MEDIA, STATE_GOVERNMENT, killed, recordId } from '../../../test/support/incident-fixtures.js';
import type { IncidentEvent } from './events.js';
import { mergedBySurvivor, survivorLedger, survivorOf } from './merged-ledger.js';
import { ledgerOf } from './record-ledger.js';
import { tallyOfLedger } from './tally.js';

const MERGED = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
const OTHER_MERGED = '0a9e6679-7425-40de-944b-e07fc1f90ae7';
const of = (incidentId: string, events: IncidentEvent[]) => ledgerOf(events.map((event) => ({ ...event, data: { ...event.data, incidentId } }) as IncidentEvent));

describe('survivorLedger', () => {
  it('is the own ledger when nothing was merged', () => {
    const own = ledgerOf([killed(1, 'police', 4)]);
    expect(survivorLedger(own, new Map())).toBe(own);
  });

  it('counts one source reporting the same attack in both incidents once (its cumulative statement replaces)', () => {
    const own = ledgerOf([killed(1, 'police', 4, 'cumulative')]);
    const merged = of(MERGED, [killed(2, 'police', 4, 'cumulative')]);
    expect(tallyOfLedger(survivorLedger(own, new Map([[MERGED, merged]]))).killed.total).toEqual({ best: 4, low: 4, high: 4 });
  });

  it("lists merged incidents' records first (by incident id) and the survivor's last, so the survivor's latest statement is best", () => {
    const own = ledgerOf([killed(1, 'police', 5, 'incremental', STATE_GOVERNMENT)]);
    const merged = of(MERGED, [killed(2, 'police', 7, 'incremental', MEDIA)]);
    const other = of(OTHER_MERGED, [killed(3, 'police', 6, 'incremental', { name: 'Milenio', kind: 'media' })]);
    const ledger = survivorLedger(own, new Map([[MERGED, merged], [OTHER_MERGED, other]]));
    expect([...ledger.keys()]).toEqual([`${OTHER_MERGED}/${recordId(3)}`, `${MERGED}/${recordId(2)}`, recordId(1)]);
    expect(tallyOfLedger(ledger).killed.total).toEqual({ best: 5, low: 5, high: 7 });
  });

  it("counts a merged incident's record and the survivor's that share an id as two records, each as its own incident left it", () => {
    // Given a survivor and a merged incident each with a record of one id (ids are unique within an incident only)
    const own = ledgerOf([killed(1, 'police', 5, 'incremental', STATE_GOVERNMENT), corrected(1, 6)]);
    const merged = of(MERGED, [killed(1, 'police', 7, 'incremental', MEDIA)]);
    // When they are counted as one ledger
    const ledger = survivorLedger(own, new Map([[MERGED, merged]]));
    // Then both count: the survivor's as corrected (its latest statement is best), the merged one's as recorded
    expect([...ledger.values()].map(({ count }) => count)).toEqual([7, 6]);
    expect(tallyOfLedger(ledger).killed.total).toEqual({ best: 6, low: 6, high: 7 });
  });
});

describe('survivorOf', () => {
  it('is the incident itself when it was not merged', () => {
    expect(survivorOf('a', new Map([['b', 'a']]))).toBe('a');
  });

  it('follows a chain of merges to its end', () => {
    expect(survivorOf('a', new Map([['a', 'b'], ['b', 'c'], ['x', 'a']]))).toBe('c');
  });

  it('stops before a cycle comes back (two merges decided at once naming each other)', () => {
    expect(survivorOf('a', new Map([['a', 'b'], ['b', 'c'], ['c', 'a']]))).toBe('c');
    expect(survivorOf('a', new Map([['a', 'a']]))).toBe('a');
  });
});

describe('mergedBySurvivor', () => {
  it('gives each survivor the incidents merged into it, along chains, in the order merged incidents are given', () => {
    expect(mergedBySurvivor(new Map([['a', 'b'], ['x', 'c'], ['b', 'c'], ['y', 'z']]))).toEqual(
      new Map([
        ['c', ['a', 'x', 'b']],
        ['z', ['y']],
      ]),
    );
  });

  it('has no survivor without merges', () => {
    expect(mergedBySurvivor(new Map())).toEqual(new Map());
  });
});
