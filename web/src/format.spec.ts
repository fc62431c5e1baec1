import { formatCompact, formatWorldTime, placeOf } from './format';

describe('formatWorldTime (dates to their precision, in their own offset)', () => {
  const at = (iso: string, precision?: string) => formatWorldTime(iso, precision, 'en-GB');

  it.each([
    ['exact', '30 Nov 2019, 12:00 (−06:00)'],
    ['day', '30 Nov 2019'],
    ['approximate', '~30 Nov 2019'],
    ['week', 'week of 25 Nov 2019'],
    ['month', 'Nov 2019'],
    ['year', '2019'],
    ['DAY', '30 Nov 2019'],
  ])('%s', (precision, shown) => {
    expect(at('2019-11-30T12:00:00-06:00', precision)).toBe(shown);
  });

  it('keeps the calendar date of the offset given, not the reader’s zone (23:30 at −06:00 is still the 30th)', () => {
    expect(at('2019-11-30T23:30:00-06:00', 'day')).toBe('30 Nov 2019');
    expect(at('2019-11-30T23:30:00.000+14:00')).toBe('30 Nov 2019, 23:30 (+14:00)');
  });

  it('names UTC for Z and for a time without offset; a bare date is that date, without a clock time', () => {
    expect(at('2019-12-01T18:00:00Z')).toBe('1 Dec 2019, 18:00 (UTC)');
    expect(at('2019-12-01T18:00')).toBe('1 Dec 2019, 18:00 (UTC)');
    expect(at('2019-12-01')).toBe('1 Dec 2019');
  });

  it('shows a week as the Monday of its ISO week, across a month and a year boundary; a Monday is its own week', () => {
    expect(at('2019-12-01', 'week')).toBe('week of 25 Nov 2019');
    expect(at('2019-11-25', 'week')).toBe('week of 25 Nov 2019');
    expect(at('2019-11-24', 'week')).toBe('week of 18 Nov 2019');
    expect(at('2021-01-02', 'week')).toBe('week of 28 Dec 2020');
  });

  it('shows what it cannot parse as it is', () => {
    expect(at('yesterday')).toBe('yesterday');
  });

  it('defaults to exact', () => {
    expect(formatWorldTime('2019-12-01', undefined, 'en-GB')).toBe('1 Dec 2019');
  });
});

describe('formatCompact (chart axis labels)', () => {
  it('keeps large figures short enough for the axis', () => {
    expect(formatCompact(10_000_000, 'en-GB')).toBe('10m');
    expect(formatCompact(12_345, 'en-GB')).toBe('12k');
    expect(formatCompact(950, 'en-GB')).toBe('950');
  });
});

describe('placeOf (a place from its parts)', () => {
  it('joins the parts given, most precise first, each in a bidi isolate of its own', () => {
    expect(placeOf('\u202Ebad admin2', undefined, 'Sonora', null, 'MX')).toBe('\u2068\u202Ebad admin2\u2069, \u2068Sonora\u2069, \u2068MX\u2069');
    expect(placeOf()).toBe('');
    // A stray isolate terminator of its own would end the isolate early: it is dropped.
    expect(placeOf('Zona\u2069\u202E', 'Durango')).toBe('\u2068Zona\u202E\u2069, \u2068Durango\u2069');
  });
});
