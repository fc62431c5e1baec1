/**
 * A number as a plain decimal, never in exponent form: `1e-7` is `0.0000001`, `1e21` is
 * `1000000000000000000000`. The digits are JavaScript's shortest round-trip ones, so the text reads
 * back as the same number. CSV cells take numbers this way (docs/exports.md).
 */
export function plainDecimal(value: number): string {
  const text = String(value);
  const exponential = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (!exponential) return text;
  const [, sign, head, tail = '', exponentText] = exponential;
  const digits = head + tail;
  const exponent = Number(exponentText);
  return exponent < 0 ? `${sign}0.${'0'.repeat(-exponent - 1)}${digits}` : `${sign}${digits.padEnd(exponent + 1, '0')}`;
}
