import type { IncidentEvent, Source } from './events.js';
import { diffTallies } from './tally-diff.js';
import { tallyOf } from './tally.js';

const incidentId = '00000000-0000-4000-8000-000000000001';
const base = { incidentId, occurredAt: '2019-11-30T12:00:00Z', datePrecision: 'exact' as const };
const government: Source = { name: 'Government', kind: 'government' };
const press: Source = { name: 'Press', kind: 'media' };
const killed = (recordId: string, count: number, source = government, party: 'police' | 'civilian' = 'police'): IncidentEvent => ({
  type: 'CasualtiesReported',
  data: { ...base, recordId, source, party, outcome: 'killed', count, basis: 'incremental' },
});
const taken = (recordId: string, count: number): IncidentEvent => ({ type: 'HostagesTaken', data: { ...base, recordId, source: government, party: 'civilian', count } });
const arrests = (recordId: string, count: number): IncidentEvent => ({ type: 'ArrestsMade', data: { ...base, recordId, source: government, count } });
const r = (n: number) => `00000000-0000-4000-8000-00000000010${n}`;

describe('diffTallies', () => {
  it('equal tallies: no changes', () => {
    const tally = tallyOf([killed(r(1), 3), taken(r(2), 2), arrests(r(3), 1)]);
    expect(diffTallies(tally, tally)).toEqual({ casualties: [], hostages: [], counts: [] });
  });

  it('a party figure that appears, changes or goes is one change each, with its lines before and after', () => {
    const before = tallyOf([killed(r(1), 3), killed(r(2), 1, government, 'civilian')]);
    const after = tallyOf([killed(r(1), 3), killed(r(3), 5, press), killed(r(4), 2, press, 'civilian')]);
    const [policeAfter] = after.killed.byParty;
    expect(diffTallies(before, after).casualties).toEqual([
      { outcome: 'killed', party: 'police', before: before.killed.byParty[0], after: policeAfter },
      { outcome: 'killed', party: 'civilian', before: before.killed.byParty[1], after: after.killed.byParty[1] },
    ]);
    expect(diffTallies(after, tallyOf([])).casualties.map((change) => [change.party, change.after])).toEqual([['police', null], ['civilian', null]]);
  });

  it('a source figure that moves without moving best, low or high is still a change', () => {
    const before = tallyOf([killed(r(1), 1), killed(r(2), 5, press), killed(r(3), 3, { name: 'Witness', kind: 'witness' }), killed(r(4), 0)]);
    const after = tallyOf([killed(r(1), 1), killed(r(2), 5, press), killed(r(3), 4, { name: 'Witness', kind: 'witness' }), killed(r(4), 0)]);
    expect(diffTallies(before, after).casualties).toHaveLength(1);
  });

  it('hostages and counts: changed lines only, before and after', () => {
    const before = tallyOf([taken(r(1), 2), arrests(r(2), 1)]);
    const after = tallyOf([taken(r(1), 2), taken(r(3), 1), arrests(r(2), 1), arrests(r(4), 4)]);
    expect(diffTallies(before, after)).toEqual({
      casualties: [],
      hostages: [{ party: 'civilian', before: before.hostages[0], after: after.hostages[0] }],
      counts: [{ figure: 'arrests', before: 1, after: 5 }],
    });
    expect(diffTallies(tallyOf([]), before).hostages).toEqual([{ party: 'civilian', before: null, after: before.hostages[0] }]);
  });
});
