import fc from 'fast-check';
import { registered } from '../../../test/support/source-fixtures.js';
import { historyArb, SOURCES } from '../../../test/support/tally-arbitraries.js';
import { RELIABILITIES } from '../../sources/domain/events.js';
import { directoryOf } from '../../sources/domain/source-directory.js';
import { sourceKey } from '../../sources/domain/source-key.js';
import { BEST_POLICIES } from './best-policy.js';
import type { IncidentEvent } from './events.js';
import { tallyOf, type Tally, type TallyView } from './tally.js';

/** A spelling of `name` that `sourceKey` takes for it: decomposed accents, changed case, extra spaces. */
const respelling = (name: string): fc.Arbitrary<string> =>
  fc
    .record({ form: fc.constantFrom('NFC', 'NFD'), upper: fc.boolean(), pad: fc.constantFrom('', ' ', '  ', '\t'), inner: fc.constantFrom(' ', '  ', ' \n ') })
    .map(({ form, upper, pad, inner }) => `${pad}${(upper ? name.toUpperCase() : name).normalize(form).replaceAll(' ', inner)}${pad}`);

/** The history with each record's source name respelled independently. */
const respelledArb = (events: readonly IncidentEvent[]): fc.Arbitrary<IncidentEvent[]> =>
  fc.tuple(
    ...events.map((event) =>
      event.type === 'CasualtiesReported' ? respelling(event.data.source.name).map((name) => ({ ...event, data: { ...event.data, source: { ...event.data.source, name } } })) : fc.constant(event),
    ),
  );

/** The registry giving some of the sources a reliability (or none), with a respelled alias each. */
const registryArb = fc.array(fc.option(fc.constantFrom(...RELIABILITIES), { nil: undefined }), { minLength: SOURCES.length, maxLength: SOURCES.length }).map((grades) =>
  directoryOf(
    grades.flatMap((reliability, i) =>
      reliability === undefined ? [] : [registered({ name: SOURCES[i].name, aliases: [`The ${SOURCES[i].name}`], reliability }, `00000000-0000-4000-8000-00000000000${i}`)],
    ),
  ),
);

/** The tally with every source name as `sourceKey` reads it (display spellings aside). */
const canonical = (tally: Tally): Tally => {
  const names = (casualties: Tally['killed']) => ({
    ...casualties,
    byParty: casualties.byParty.map((party) => ({
      ...party,
      bestSource: party.bestSource === null ? null : sourceKey(party.bestSource),
      sources: party.sources.map((source) => ({ ...source, name: sourceKey(source.name) })).sort((a, b) => (a.name < b.name ? -1 : 1)),
    })),
  });
  return { ...tally, killed: names(tally.killed), injured: names(tally.injured) };
};

describe('tallyOf properties: source identity and policies (docs/sources.md)', () => {
  const viewArb = fc.record({ policy: fc.constantFrom(...BEST_POLICIES), directory: registryArb });

  it('gives the same tally for any spelling of the sources’ names as with the canonical names', () => {
    const respelled = historyArb.chain((events) => fc.tuple(fc.constant(events), respelledArb(events)));
    fc.assert(
      fc.property(respelled, viewArb, ([events, spelled], view: TallyView) => {
        expect(canonical(tallyOf(spelled, view))).toEqual(canonical(tallyOf(events, view)));
      }),
    );
  });

  it('keeps low ≤ best ≤ high under every policy, best being the figure of the source it names', () => {
    fc.assert(
      fc.property(historyArb, viewArb, (events, view) => {
        const tally = tallyOf(events, view);
        for (const { total, byParty } of [tally.killed, tally.injured]) {
          expect(total.low).toBeLessThanOrEqual(total.best);
          expect(total.best).toBeLessThanOrEqual(total.high);
          for (const party of byParty) {
            expect(party.low).toBeLessThanOrEqual(party.best);
            expect(party.best).toBeLessThanOrEqual(party.high);
            expect(party.sources.find((source) => source.name === party.bestSource)?.figure).toBe(party.best);
            expect(party.numberOfSources).toBe(party.sources.length);
          }
        }
      }),
    );
  });

  it('changes only best and bestSource between policies: the source figures, low and high are the policy’s own', () => {
    fc.assert(
      fc.property(historyArb, viewArb, (events, view) => {
        const strip = (tally: Tally) => [tally.killed, tally.injured].map((c) => c.byParty.map(({ best: _b, bestSource: _s, ...rest }) => rest));
        expect(strip(tallyOf(events, view))).toEqual(strip(tallyOf(events, { directory: view.directory })));
      }),
    );
  });
});
