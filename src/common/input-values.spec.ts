import { isPosition, isStorableText, isTime, parseDecimal, parsePosition, parseTimeBound, parseUuid } from './input-values.js';
import { InvalidInput } from './invalid-input.js';

describe('times', () => {
  it.each(['2019-11-30', '2019-11-30T12:00Z', '2019-11-30T12:00:00Z', '2019-11-30T12:00:00.5-06:00', '2019-11-30T12:00:00.123+14:00', '2019-11-30T12:00:00-14:00', '1000-01-01T12:00:00Z'])(
    'accepts %s',
    (value) => expect(isTime(value)).toBe(true),
  );

  it.each([
    '2019', '2019-11', '2019-W48-6', '2019-334', '20191130', '20191130T120000Z', '2019-11-30T12:00:00', '2019-11-30T12:00:00+23:00',
    '2019-11-30T12:00:00+14:01', '2019-11-30T12:00:00+06', '2019-11-30T12:00:00+0600', '2019-11-30 12:00:00Z', '2019-11-30t12:00:00z',
    '2019-02-30', '2019-11-30T24:00:00Z', '0999-12-31', '1000-01-01T00:00:00+01:00', '9999-12-31T23:00:00-14:00', '+012019-11-30', '', ' 2019-11-30',
    // Finer than a millisecond: PostgreSQL would keep (or round) what JavaScript's Date cuts off.
    '2019-11-30T12:00:00.1234Z', '2021-01-02T23:59:59.9999999Z', '2021-01-01T12:00:00.0005Z',
  ])('refuses %s', (value) => expect(isTime(value)).toBe(false));

  it('refuses what is not a string', () => {
    for (const value of [20191130, null, undefined, ['2019-11-30'], { toString: () => '2019-11-30' }]) expect(isTime(value)).toBe(false);
  });

  it('reads a bare date bound as the start or the end of its day', () => {
    expect(parseTimeBound('2019-11-30', 'occurredFrom', 'start').toISOString()).toBe('2019-11-30T00:00:00.000Z');
    expect(parseTimeBound('2019-11-30', 'occurredTo', 'end').toISOString()).toBe('2019-11-30T23:59:59.999Z');
    expect(parseTimeBound('2019-11-30T12:00:00-06:00', 'occurredTo', 'end').toISOString()).toBe('2019-11-30T18:00:00.000Z');
    expect(() => parseTimeBound('2019', 'occurredFrom', 'start')).toThrow(InvalidInput);
  });
});

describe('text', () => {
  it('accepts text with paired surrogates and combining marks', () => {
    for (const value of ['Villa Unión', '😀', 'e\u0301', '']) expect(isStorableText(value)).toBe(true);
  });

  it('refuses NUL and unpaired surrogates', () => {
    for (const value of ['a\u0000b', '\ud800', 'x\udfff', '\udc00\ud800', '😀'.slice(0, 1)]) expect(isStorableText(value)).toBe(false);
  });
});

describe('ids', () => {
  it('lower-cases UUIDs and refuses anything else, naming the field', () => {
    expect(parseUuid('0B0F6A1E-5D8C-4C1E-9A7E-2F1D3C4B5A69', 'id')).toBe('0b0f6a1e-5d8c-4c1e-9a7e-2f1d3c4b5a69');
    expect(() => parseUuid('------------------------------------', 'id')).toThrow(expect.objectContaining({ errors: [expect.objectContaining({ field: 'id' })] }));
  });
});

describe('positions', () => {
  it('accepts decimal strings up to the largest bigint', () => {
    for (const value of ['0', '42', '9223372036854775807']) expect(isPosition(value)).toBe(true);
  });

  it('refuses larger numbers, signs, exponents and other notations', () => {
    for (const value of ['9223372036854775808', '18446744073709551616', '-1', '+1', '1e3', '0x10', ' 1', '', 42]) expect(isPosition(value)).toBe(false);
  });

  it('refuses leading zeros: a position has one spelling, as the server writes it', () => {
    for (const value of ['01', '007', '00', '0009223372036854775807', '00000000000064421889']) expect(isPosition(value)).toBe(false);
  });

  it('names the field and says a position has no leading zeros', () => {
    expect(() => parsePosition('01', 'asOf')).toThrow(expect.objectContaining({ errors: [{ field: 'asOf', message: 'asOf must be a whole number from 0 to 9223372036854775807 in decimal digits without leading zeros' }] }));
  });
});

describe('decimal numbers', () => {
  it('accepts plain decimals within the bounds, both bounds included', () => {
    expect(parseDecimal('0.01', '--hours', 0.01, 24)).toBe(0.01);
    expect(parseDecimal('24', '--hours', 0.01, 24)).toBe(24);
    expect(parseDecimal('1.5', '--hours', 0.01, 24)).toBe(1.5);
  });

  it('refuses numbers outside the bounds and every other notation, naming the field and the bounds', () => {
    for (const value of ['0.0003', '0.009', '24.001', '0', '-1', '+1', '1e1', '0x10', ' 1', '1.', '.5', '', 'twelve', 'Infinity', '1'.repeat(16)]) {
      expect(() => parseDecimal(value, '--hours', 0.01, 24)).toThrow(InvalidInput);
      expect(() => parseDecimal(value, '--hours', 0.01, 24)).toThrow('--hours: --hours must be a decimal number from 0.01 to 24');
    }
  });
});
