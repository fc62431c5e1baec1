import fc from 'fast-check';
import { registered } from '../../../test/support/source-fixtures.js';
import { historyArb, SOURCES } from '../../../test/support/tally-arbitraries.js';
import { RELIABILITIES } from '../../sources/domain/events.js';
import { directoryOf } from '../../sources/domain/source-directory.js';
import { BEST_POLICIES } from './best-policy.js';
import { figuresOf, tallyOf, type Tally } from './tally.js';

/**
 * A registry that makes some of the history's sources one: each source's name becomes an alias of
 * the registered source its owner number picks, with a random reliability.
 */
const registryArb = fc
  .tuple(
    fc.array(fc.integer({ min: 0, max: SOURCES.length - 1 }), { minLength: SOURCES.length, maxLength: SOURCES.length }),
    fc.array(fc.constantFrom(...RELIABILITIES), { minLength: SOURCES.length, maxLength: SOURCES.length }),
  )
  .map(([owners, grades]) =>
    directoryOf(
      [...new Set(owners)].map((owner) =>
        registered(
          { name: `Registered source ${owner}`, aliases: SOURCES.filter((_, i) => owners[i] === owner).map((source) => source.name), reliability: grades[owner] },
          `00000000-0000-4000-8000-00000000000${owner}`,
        ),
      ),
    ),
  );

const largest = (tally: Tally): number => Math.max(...figuresOf(tally).map(([, value]) => value));

describe('docs/figure-limits.md limits and the source registry: a registration never raises a figure', () => {
  it('keeps every figure, under every policy, within the largest figure of the tally without the registry (so within the cap the decider checked)', () => {
    fc.assert(
      fc.property(historyArb, registryArb, fc.constantFrom(...BEST_POLICIES), (events, directory, policy) => {
        expect(largest(tallyOf(events, { directory, policy }))).toBeLessThanOrEqual(largest(tallyOf(events)));
      }),
      { numRuns: 300 },
    );
  });
});
