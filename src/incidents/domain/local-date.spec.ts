import { endsBeforeStart, isBareDate, localDateOf, localMonthOf, timeWindowOf, withinWindow } from './local-date.js';

describe('the local date of a time', () => {
  it.each([
    ['2019-11-30T23:30:00-06:00', '2019-11-30'],
    ['2019-12-01T05:30:00Z', '2019-12-01'],
    ['2019-12-01T00:15:00+14:00', '2019-12-01'],
    ['2019-11-30T23:59:59.999-12:00', '2019-11-30'],
    ['2019-11-30', '2019-11-30'],
  ])('of %s is %s, the date in the offset it was given with', (time, date) => {
    expect(localDateOf(time)).toBe(date);
  });

  it('gives the month of that date', () => {
    expect(localMonthOf('2019-11-30T23:30:00-06:00')).toBe('2019-11');
    expect(localMonthOf('2019-12-01T00:30:00+01:00')).toBe('2019-12');
  });

  it.each(['30/11/2019', 'last Saturday', ' 2019-11-30', '2019-11-30 23:30', '20191130'])('refuses %j, which names no date', (time) => {
    expect(() => localDateOf(time)).toThrow(RangeError);
  });

  it('says which text names no date', () => {
    expect(() => localDateOf('last Saturday')).toThrow('last Saturday is not an ISO-8601 date or date-time');
  });

  it('tells bare dates from date-times', () => {
    expect(isBareDate('2019-11-30')).toBe(true);
    expect(isBareDate('2019-11-30T00:00Z')).toBe(false);
  });
});

describe('a window on world time', () => {
  const late = '2019-11-30T23:30:00-06:00';

  it('with bare dates, holds what occurred on those local days, both ends included', () => {
    expect(withinWindow(late, timeWindowOf('2019-11-30', '2019-11-30'))).toBe(true);
    expect(withinWindow(late, timeWindowOf('2019-12-01', undefined))).toBe(false);
    expect(withinWindow(late, timeWindowOf(undefined, '2019-11-29'))).toBe(false);
    expect(withinWindow('2019-12-01T00:30:00+01:00', timeWindowOf('2019-12-01', '2019-12-01'))).toBe(true);
  });

  it('with date-times, compares instants, both ends included', () => {
    expect(withinWindow(late, timeWindowOf('2019-12-01T05:30:00Z', '2019-12-01T05:30:00Z'))).toBe(true);
    expect(withinWindow(late, timeWindowOf('2019-12-01T05:30:00.001Z', undefined))).toBe(false);
    expect(withinWindow(late, timeWindowOf(undefined, '2019-12-01T05:29:59.999Z'))).toBe(false);
  });

  it('places a bare-date fact at 00:00 UTC of its date against a date-time bound', () => {
    expect(withinWindow('2019-11-30', timeWindowOf('2019-11-30T00:00:00Z', '2019-11-30T00:00:00Z'))).toBe(true);
    expect(withinWindow('2019-11-30', timeWindowOf('2019-11-30T00:00:00.001Z', undefined))).toBe(false);
  });

  it('is open at an absent end', () => {
    expect(timeWindowOf(undefined, undefined)).toEqual({});
    expect(withinWindow(late, {})).toBe(true);
  });
});

describe('a date range', () => {
  it('between date-times ends before it starts at an earlier instant', () => {
    expect(endsBeforeStart('2019-11-30T23:30:00-06:00', '2019-12-01T05:30:00Z')).toBe(false);
    expect(endsBeforeStart('2019-11-30T23:30:00-06:00', '2019-12-01T05:29:59Z')).toBe(true);
  });

  it('between date-times ends before it starts on an earlier local date too, though at a later instant', () => {
    expect(endsBeforeStart('2019-12-07T01:00:00+14:00', '2019-12-06T23:00:00-12:00')).toBe(true);
    expect(endsBeforeStart('2019-12-07T01:00:00+14:00', '2019-12-07T00:00:00-12:00')).toBe(false);
  });

  it('with a bare date at either end compares local dates', () => {
    expect(endsBeforeStart('2019-11-30', '2019-11-30T00:30:00+01:00')).toBe(false);
    expect(endsBeforeStart('2019-11-30T23:30:00-06:00', '2019-11-30')).toBe(false);
    expect(endsBeforeStart('2019-11-30T23:30:00-06:00', '2019-11-29')).toBe(true);
    expect(endsBeforeStart('2019-12-01', '2019-11-30T23:30:00-06:00')).toBe(true);
  });
});
