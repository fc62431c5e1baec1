import type { CasualtyTally, Change, Tally } from './api/types';
import { stepChanges } from './step-changes';

const none: CasualtyTally = { total: { best: 0, low: 0, high: 0 }, byParty: [] };
const tally = (killed: CasualtyTally = none): Tally => ({ killed, injured: none, hostages: [], vehiclesSeized: 0, weaponsSeized: 0, arrests: 0 });
const military = (figure: number, sources: [string, number][]): CasualtyTally => ({
  total: { best: figure, low: figure, high: figure },
  byParty: [{ party: 'MILITARY', best: figure, low: figure, high: figure, sources: sources.map(([name, count]) => ({ name, figure: count })) }],
});
const CABINET = { name: 'Federal security cabinet', kind: 'government' };
const at = (minute: number) => `2026-11-29T10:0${minute}:00.000Z`;
const history: Change[] = [
  { asOf: '10', type: 'IncidentOpened', recordedAt: at(0), data: { title: 'Culiacán' } },
  { asOf: '11', type: 'CasualtiesReported', recordedAt: at(1), data: { recordId: 'r1', party: 'military', outcome: 'killed', count: 8, basis: 'cumulative', source: CABINET } },
  { asOf: '12', type: 'RecordCorrected', recordedAt: at(2), data: { recordId: 'r1', count: 9, reason: 'One more soldier died' } },
  { asOf: '13', type: 'RecordRetracted', recordedAt: at(3), data: { recordId: 'r1', reason: 'Double count' } },
  { asOf: '14', type: 'RecordRetracted', recordedAt: at(4), data: { recordId: 'unknown', reason: 'Not in this history' } },
];

describe('stepChanges (what one step of the as-of slider changed, and the record behind it)', () => {
  it('gives a recorded record with its source and count, and each figure before → after with the source figures that moved', () => {
    expect(stepChanges(history, 1, tally(), tally(military(8, [['Federal security cabinet', 8]])))).toEqual({
      figures: [{ what: 'killed, military', before: { best: 0, low: 0, high: 0 }, after: { best: 8, low: 8, high: 8 }, sources: [{ name: 'Federal security cabinet', before: null, after: 8 }] }],
      records: [{ change: 'recorded', record: 'military killed: 8 in total — \u2068Federal security cabinet\u2069', source: 'Federal security cabinet', count: 8, recordedAt: at(1) }],
    });
  });

  it('names the record a correction changes, found earlier in the history, with its new count', () => {
    const step = stepChanges(history, 2, tally(military(8, [['Federal security cabinet', 8]])), tally(military(9, [['Federal security cabinet', 9]])));
    expect(step.records).toEqual([{ change: 'corrected', record: 'military killed: 8 in total — \u2068Federal security cabinet\u2069', source: 'Federal security cabinet', count: 9, recordedAt: at(2) }]);
    expect(step.figures[0]!.sources).toEqual([{ name: 'Federal security cabinet', before: 8, after: 9 }]);
  });

  it('gives a retraction without a count, and the source figure gone', () => {
    const step = stepChanges(history, 3, tally(military(9, [['Federal security cabinet', 9]])), tally());
    expect(step.records).toEqual([{ change: 'retracted', record: 'military killed: 8 in total — \u2068Federal security cabinet\u2069', source: 'Federal security cabinet', count: null, recordedAt: at(3) }]);
    expect(step.figures).toEqual([{ what: 'killed, military', before: { best: 9, low: 9, high: 9 }, after: { best: 0, low: 0, high: 0 }, sources: [{ name: 'Federal security cabinet', before: 9, after: null }] }]);
  });

  it('describes the step itself when the record it changes is not in the history, and gives no figures when none moved', () => {
    expect(stepChanges(history, 4, tally(), tally())).toEqual({
      figures: [],
      records: [{ change: 'retracted', record: 'Record retracted: \u2068Not in this history\u2069', source: null, count: null, recordedAt: at(4) }],
    });
    expect(stepChanges(history, 0, undefined, tally()).records).toEqual([{ change: 'recorded', record: 'Incident opened: \u2068Culiacán\u2069', source: null, count: null, recordedAt: at(0) }]);
  });
});
