import { type PeriodPoint, withEmptyPeriods } from './time-series';

const at = (date: string) => Date.parse(`${date}T00:00:00Z`) / 1000;
const point = (date: string, best: number): PeriodPoint => ({ seconds: at(date), high: best + 1, best, low: best - 1 });
const zero = (date: string): PeriodPoint => ({ seconds: at(date), high: 0, best: 0, low: 0 });

describe('withEmptyPeriods (the time chart draws a period without incidents as 0)', () => {
  it('leaves consecutive periods as they are', () => {
    const months = [point('2019-11-01', 5), point('2019-12-01', 3), point('2020-01-01', 2)];
    expect(withEmptyPeriods(months, 'MONTH')).toEqual(months);
    expect(withEmptyPeriods([point('2019-11-30', 5), point('2019-12-01', 3)], 'DAY')).toEqual([point('2019-11-30', 5), point('2019-12-01', 3)]);
    expect(withEmptyPeriods([], 'DAY')).toEqual([]);
  });

  it('puts one 0 in a gap of one period, and a 0 at each end of a longer gap', () => {
    expect(withEmptyPeriods([point('2019-11-01', 5), point('2020-01-01', 2)], 'MONTH')).toEqual([point('2019-11-01', 5), zero('2019-12-01'), point('2020-01-01', 2)]);
    expect(withEmptyPeriods([point('2019-11-01', 5), point('2020-03-01', 2)], 'MONTH')).toEqual([point('2019-11-01', 5), zero('2019-12-01'), zero('2020-02-01'), point('2020-03-01', 2)]);
    expect(withEmptyPeriods([point('2019-11-30', 5), point('2019-12-05', 2)], 'DAY')).toEqual([point('2019-11-30', 5), zero('2019-12-01'), zero('2019-12-04'), point('2019-12-05', 2)]);
  });

  it('counts months of the first century as of their year (Date.UTC would read 0050 as 1950)', () => {
    const year50 = (month: string) => new Date(0).setUTCFullYear(50, Number(month) - 1, 1) / 1000;
    const points = [{ seconds: year50('01'), high: 1, best: 1, low: 1 }, { seconds: year50('04'), high: 1, best: 1, low: 1 }];
    expect(withEmptyPeriods(points, 'MONTH').map((p) => p.seconds)).toEqual([year50('01'), year50('02'), year50('03'), year50('04')]);
  });

  it('crosses centuries with no more points: months of year 1000 to 2019', () => {
    expect(withEmptyPeriods([point('1000-01-01', 1), point('2019-11-01', 2)], 'MONTH')).toEqual([point('1000-01-01', 1), zero('1000-02-01'), zero('2019-10-01'), point('2019-11-01', 2)]);
  });
});
