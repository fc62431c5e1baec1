import fc from 'fast-check';
import type { Basis, CasualtiesReported, IncidentEvent, Party, Source } from '../../src/incidents/domain/events.js';
import { MEDIA, STATE_GOVERNMENT, casualties, corrected, retracted } from './incident-fixtures.js';

/** fast-check arbitraries of casualty histories, shared by the tally's property tests. */

export const SOURCES: readonly Source[] = [STATE_GOVERNMENT, MEDIA, { name: 'A witness', kind: 'witness' }];
export const PARTY_SAMPLE: readonly Party[] = ['armed_group', 'police', 'civilian'];

export type Report = { source: Source; party: Party; basis: Basis; count: number; outcome: 'killed' | 'injured' };

export const reportArb: fc.Arbitrary<Report> = fc
  .record({
    source: fc.constantFrom(...SOURCES),
    party: fc.constantFrom(...PARTY_SAMPLE),
    outcome: fc.constantFrom('killed' as const, 'injured' as const),
    basis: fc.constantFrom<Basis>('incremental', 'cumulative'),
  })
  .chain((r) => fc.integer({ min: r.basis === 'cumulative' ? 0 : 1, max: 50 }).map((count) => ({ ...r, count })));

const eventOf = ({ source, ...facts }: Report, n: number): CasualtiesReported => casualties(n, facts, source);

export const eventsOf = (reports: readonly Report[]): CasualtiesReported[] => reports.map((r, i) => eventOf(r, i + 1));

/** Reports, with corrections and retractions of earlier reports interleaved. */
export const historyArb: fc.Arbitrary<IncidentEvent[]> = fc
  .array(
    fc.oneof(
      { weight: 4, arbitrary: reportArb.map((report) => ({ report })) },
      { weight: 1, arbitrary: fc.record({ correct: fc.nat(), count: fc.integer({ min: 1, max: 50 }) }) },
      { weight: 1, arbitrary: fc.record({ retract: fc.nat() }) },
    ),
    { maxLength: 40 },
  )
  .map((steps) => {
    const events: IncidentEvent[] = [];
    let reports = 0;
    for (const step of steps) {
      if ('report' in step) events.push(eventOf(step.report, ++reports));
      else if (reports > 0 && 'correct' in step) events.push(corrected((step.correct % reports) + 1, step.count));
      else if (reports > 0 && 'retract' in step) events.push(retracted((step.retract % reports) + 1));
    }
    return events;
  });

