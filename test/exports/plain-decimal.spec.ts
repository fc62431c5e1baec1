import fc from 'fast-check';
import { plainDecimal } from '../../src/incidents/exports/plain-decimal.js';

describe('plainDecimal: CSV numbers without exponents', () => {
  it('writes every finite number as digits and at most one point, reading back as the same number', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (value) => {
        const text = plainDecimal(value);
        expect(text).toMatch(/^-?\d+(\.\d+)?$/);
        expect(Number(text)).toBe(value === 0 ? 0 : value);
      }),
      { numRuns: 5000 },
    );
  });

  it.each([
    [1e-300, `0.${'0'.repeat(299)}1`],
    [-2.5e-7, '-0.00000025'],
    [1.5e21, '1500000000000000000000'],
    [28.2, '28.2'],
    [10_000_000, '10000000'],
  ])('writes %p plainly', (value, text) => {
    expect(plainDecimal(value)).toBe(text);
  });
});
