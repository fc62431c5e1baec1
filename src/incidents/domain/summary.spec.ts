import {
  MEDIA,
  arrests,
  casualties,
  hostagesKilled,
  hostagesReleased,
  hostagesTaken,
  killed,
  note,
  vehiclesSeized,
  weaponsSeized,
} from '../../../test/support/incident-fixtures.js';
import { MAX_NOTE_SUMMARY, summaryOf } from './summary.js';

const GOV = 'Coahuila state government (government): ';
const CASES = [
  { record: killed(1, 'armed_group', 7), expected: `${GOV}7 armed group killed (incremental)` },
  {
    record: casualties(1, { party: 'police', outcome: 'injured', count: 6, basis: 'cumulative' }, MEDIA),
    expected: 'El Siglo de Torreón (media): 6 police injured (cumulative)',
  },
  { record: hostagesTaken(1, 'civilian', 4), expected: `${GOV}4 civilian hostages taken` },
  { record: hostagesReleased(1, 'civilian', 1, 'rescued'), expected: `${GOV}1 civilian hostage rescued` },
  { record: hostagesKilled(1, 'civilian', 2), expected: `${GOV}2 civilian hostages killed` },
  { record: vehiclesSeized(1, 17), expected: `${GOV}17 vehicles seized (armed pickup)` },
  { record: weaponsSeized(1, 1), expected: `${GOV}1 weapon seized (rifle)` },
  { record: arrests(1, 1), expected: `${GOV}1 arrest` },
  { record: note(1, 'Gunfire lasted\n about 90 minutes.'), expected: `${GOV}Gunfire lasted about 90 minutes.` },
];

describe('summaryOf', () => {
  it.each(CASES)('$expected', ({ record, expected }) => {
    expect(summaryOf(record)).toBe(expected);
  });

  it('reads a corrected record with its current count', () => {
    expect(summaryOf(killed(1, 'armed_group', 7), 8)).toBe(`${GOV}8 armed group killed (incremental)`);
  });

  it('trims a note, and keeps one of exactly the maximum length whole', () => {
    expect(summaryOf(note(1, '  Gunfire lasted about 90 minutes. \n'))).toBe(`${GOV}Gunfire lasted about 90 minutes.`);
    const longest = 'x'.repeat(MAX_NOTE_SUMMARY);
    expect(summaryOf(note(1, longest))).toBe(`${GOV}${longest}`);
    expect(summaryOf(note(1, `${longest}y`))).toBe(`${GOV}${'x'.repeat(MAX_NOTE_SUMMARY - 1)}…`);
  });

  it('keeps a long note to one bounded line', () => {
    const summary = summaryOf(note(1, 'word '.repeat(100)));
    expect(summary).not.toContain('\n');
    expect(summary.endsWith('…')).toBe(true);
    expect(summary.length).toBeLessThanOrEqual(GOV.length + MAX_NOTE_SUMMARY);
  });
});
