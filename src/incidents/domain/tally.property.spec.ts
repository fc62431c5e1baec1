import fc from 'fast-check';
import { commandFor, corrected, hostagesKilled, hostagesReleased, hostagesTaken, killed, opened, retracted } from '../../../test/support/incident-fixtures.js';
import { eventsOf, historyArb, PARTY_SAMPLE, reportArb, SOURCES } from '../../../test/support/tally-arbitraries.js';
import { decide } from './decide.js';
import { DomainError } from './domain-error.js';
import type { CasualtiesReported, IncidentEvent, Party } from './events.js';
import { evolve, initialState } from './incident.js';
import { emptyTally } from './tally-arithmetic.js';
import { tallyOf, type CasualtyTally, type Tally } from './tally.js';

const casualtyTallies = (tally: Tally): CasualtyTally[] => [tally.killed, tally.injured];

describe('tallyOf properties', () => {
  it('keeps low ≤ best ≤ high per party and in totals, with best and the extremes taken from the sources', () => {
    fc.assert(
      fc.property(historyArb, (events) => {
        for (const { total, byParty } of casualtyTallies(tallyOf(events))) {
          expect(total.low).toBeLessThanOrEqual(total.best);
          expect(total.best).toBeLessThanOrEqual(total.high);
          for (const p of byParty) {
            const figures = p.sources.map((s) => s.figure);
            expect(p.low).toBeLessThanOrEqual(p.best);
            expect(p.best).toBeLessThanOrEqual(p.high);
            expect(figures).toContain(p.best);
            expect([p.low, p.high]).toEqual([Math.min(...figures), Math.max(...figures)]);
          }
        }
      }),
    );
  });

  it('gives each source the fold of its own live records in order (a reference model of rule 1)', () => {
    fc.assert(
      fc.property(historyArb, (events) => {
        const tally = tallyOf(events);
        for (const source of SOURCES) {
          for (const party of PARTY_SAMPLE) {
            const model = referenceFigure(events, source.name, party);
            const figure = tally.killed.byParty.find((p) => p.party === party)?.sources.find((s) => s.name === source.name)?.figure;
            expect(figure).toBe(model);
          }
        }
      }),
    );
  });

  it('is all zeros once every record is retracted', () => {
    fc.assert(
      fc.property(fc.array(reportArb, { maxLength: 30 }), (reports) => {
        const events = eventsOf(reports);
        expect(tallyOf([...events, ...events.map((_e, i) => retracted(i + 1))])).toEqual(emptyTally);
      }),
    );
  });

  it('changes only best when reports of different sources are interleaved differently', () => {
    fc.assert(
      fc.property(
        fc.array(reportArb, { minLength: 1, maxLength: 30 }).chain((reports) =>
          fc.tuple(fc.constant(reports), fc.shuffledSubarray(reports.map((r) => r.source.name), { minLength: reports.length })),
        ),
        ([reports, schedule]) => {
          const events = eventsOf(reports);
          const queues = new Map(SOURCES.map((s) => [s.name, events.filter((e) => e.data.source.name === s.name)]));
          const interleaved = schedule.map((name) => queues.get(name)!.shift()!);
          const strip = (tally: Tally) =>
            casualtyTallies(tally).map(({ total, byParty }) => ({
              low: total.low,
              high: total.high,
              byParty: byParty.map(({ party, low, high, sources }) => ({ party, low, high, sources })),
            }));
          expect(strip(tallyOf(interleaved))).toEqual(strip(tallyOf(events)));
        },
      ),
    );
  });

  it('lets one source’s incremental reports come in any order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 20 }).chain((counts) =>
          fc.tuple(fc.constant(counts), fc.shuffledSubarray(counts, { minLength: counts.length })),
        ),
        ([counts, shuffled]) => {
          const total = (cs: number[]) => tallyOf(cs.map((c, i) => killed(i + 1, 'police', c))).killed.total.best;
          expect(total(shuffled)).toBe(total(counts));
        },
      ),
    );
  });

  it('makes order matter within one source once a cumulative statement is involved', () => {
    const statementLast = tallyOf([killed(1, 'police', 2), killed(2, 'police', 5, 'cumulative')]);
    const statementFirst = tallyOf([killed(2, 'police', 5, 'cumulative'), killed(1, 'police', 2)]);
    expect([statementLast.killed.total.best, statementFirst.killed.total.best]).toEqual([5, 7]);
  });
});

describe('decide and tally together', () => {
  it('never lets any party hold fewer than zero hostages, whatever reporters try', () => {
    const attempt = fc.oneof(
      fc.record({ kind: fc.constantFrom('taken', 'released', 'killed'), party: fc.constantFrom(...PARTY_SAMPLE), count: fc.integer({ min: 1, max: 5 }) }),
      fc.record({ kind: fc.constantFrom('correct', 'retract'), target: fc.nat(30), count: fc.integer({ min: 1, max: 5 }) }),
    );
    fc.assert(
      fc.property(fc.array(attempt, { maxLength: 30 }), (attempts) => {
        let state = evolve(initialState, opened);
        const history: IncidentEvent[] = [opened];
        attempts.forEach((a, i) => {
          const event =
            'party' in a
              ? { taken: hostagesTaken, released: hostagesReleased, killed: hostagesKilled }[a.kind as 'taken'](i + 1, a.party, a.count)
              : a.kind === 'correct'
                ? corrected(a.target, a.count)
                : retracted(a.target);
          try {
            for (const decided of decide(commandFor(event), state)) {
              state = evolve(state, decided);
              history.push(decided);
            }
          } catch (error) {
            if (!(error instanceof DomainError)) throw error;
          }
        });
        for (const h of tallyOf(history).hostages) expect(h.held).toBeGreaterThanOrEqual(0);
      }),
    );
  });
});

/** Rule 1 written the obvious way, independently of the implementation. */
function referenceFigure(events: readonly IncidentEvent[], source: string, party: Party): number | undefined {
  const retractedIds = new Set(events.flatMap((e) => (e.type === 'RecordRetracted' ? [e.data.recordId] : [])));
  const countOf = (id: string, recorded: number) =>
    events.reduce((count, e) => (e.type === 'RecordCorrected' && e.data.recordId === id ? e.data.count : count), recorded);
  const own = events.filter(
    (e): e is CasualtiesReported =>
      e.type === 'CasualtiesReported' &&
      e.data.outcome === 'killed' &&
      e.data.party === party &&
      e.data.source.name === source &&
      !retractedIds.has(e.data.recordId),
  );
  if (own.length === 0) return undefined;
  return own.reduce((figure, e) => {
    const count = countOf(e.data.recordId, e.data.count);
    return e.data.basis === 'cumulative' ? count : figure + count;
  }, 0);
}
