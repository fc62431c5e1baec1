import fc from 'fast-check';
import { RELIABILITIES } from '../../sources/domain/events.js';
import { BEST_POLICIES, bestOf, type Candidate } from './best-policy.js';

const source = (name: string, figure: number, lastIndex: number, reliability?: Candidate['reliability']): Candidate => ({ name, figure, lastIndex, reliability });

describe('bestOf', () => {
  const government = source('State government', 14, 0, 'A');
  const press = source('Local press', 20, 1, 'C');
  const post = source('Anonymous post', 31, 2);

  describe('LATEST (docs/tallies.md rule 2)', () => {
    it('takes the figure of the source that reported last', () => {
      expect(bestOf('LATEST', [government, post, press])).toEqual({ best: 31, bestSource: 'Anonymous post' });
    });
  });

  describe('MOST_RELIABLE', () => {
    it('takes the most reliable source’s figure, even when a less reliable one spoke later', () => {
      expect(bestOf('MOST_RELIABLE', [government, press, post])).toEqual({ best: 14, bestSource: 'State government' });
    });

    it('breaks a tie in reliability by the latest report', () => {
      expect(bestOf('MOST_RELIABLE', [source('a', 3, 4, 'B'), source('b', 5, 7, 'B'), source('c', 9, 5, 'B')])).toEqual({ best: 5, bestSource: 'b' });
    });

    it('ranks an unrated source below F', () => {
      expect(bestOf('MOST_RELIABLE', [source('rated F', 3, 0, 'F'), source('unrated', 5, 1)])).toEqual({ best: 3, bestSource: 'rated F' });
    });

    it('falls back to the latest when no source is rated', () => {
      expect(bestOf('MOST_RELIABLE', [source('a', 3, 1), source('b', 5, 0)])).toEqual({ best: 3, bestSource: 'a' });
    });

    it('orders the grades A before B … before F', () => {
      RELIABILITIES.slice(1).forEach((lower, i) => {
        const higher = RELIABILITIES[i];
        expect(bestOf('MOST_RELIABLE', [source('higher', 1, 0, higher), source('lower', 2, 1, lower)]).bestSource).toBe('higher');
      });
    });
  });

  describe('CONSERVATIVE', () => {
    it('takes the lowest figure', () => {
      expect(bestOf('CONSERVATIVE', [press, government, post])).toEqual({ best: 14, bestSource: 'State government' });
    });

    it('names the latest of the sources giving the lowest figure', () => {
      expect(bestOf('CONSERVATIVE', [source('a', 2, 3), source('b', 2, 5), source('c', 2, 4), source('d', 9, 6)])).toEqual({ best: 2, bestSource: 'b' });
    });
  });

  describe('MEDIAN', () => {
    it('takes the middle figure of an odd number of sources', () => {
      expect(bestOf('MEDIAN', [post, government, press])).toEqual({ best: 20, bestSource: 'Local press' });
    });

    it('takes the lower of the two middle figures of an even number', () => {
      expect(bestOf('MEDIAN', [source('a', 40, 0), source('b', 10, 1), source('c', 30, 2), source('d', 20, 3)])).toEqual({ best: 20, bestSource: 'd' });
    });

    it('is the one figure of a single source', () => {
      expect(bestOf('MEDIAN', [source('a', 7, 0)])).toEqual({ best: 7, bestSource: 'a' });
    });

    it('names the latest of the sources giving the median figure', () => {
      expect(bestOf('MEDIAN', [source('a', 5, 2), source('b', 5, 1), source('c', 1, 0)])).toEqual({ best: 5, bestSource: 'a' });
    });
  });

  it('picks a figure between the lowest and the highest, given by the source it names, whatever the order of the sources', () => {
    const candidates = fc
      .array(fc.record({ figure: fc.nat(50), reliability: fc.option(fc.constantFrom(...RELIABILITIES), { nil: undefined }) }), { minLength: 1, maxLength: 6 })
      .map((list) => list.map(({ figure, reliability }, i) => source(`s${i}`, figure, i, reliability)));
    fc.assert(
      fc.property(candidates, fc.constantFrom(...BEST_POLICIES), (list, policy) => {
        const { best, bestSource } = bestOf(policy, list);
        expect(bestOf(policy, [...list].reverse())).toEqual({ best, bestSource });
        const figures = list.map((c) => c.figure);
        expect(best).toBeGreaterThanOrEqual(Math.min(...figures));
        expect(best).toBeLessThanOrEqual(Math.max(...figures));
        expect(list.find((c) => c.name === bestSource)?.figure).toBe(best);
      }),
    );
  });
});
