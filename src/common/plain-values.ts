import { InvalidInput } from './invalid-input.js';

/**
 * The parsers of `input-values.ts` that need no library (text and plain decimal numbers), apart so
 * that the CLI's `token` can check its options without loading the time and UUID libraries; every
 * other caller takes them from `input-values.ts`, which re-exports them.
 */

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Text PostgreSQL and RFC 8785 (the request and event hashes) can hold: no NUL, no unpaired UTF-16 surrogate. */
export const isStorableText = (value: unknown): value is string => typeof value === 'string' && !value.includes('\u0000') && !LONE_SURROGATE.test(value);
export const textMessage = (field: string) => `${field} must not contain NUL characters or unpaired UTF-16 surrogates`;

/** A whole number written in decimal digits only (`3000`; not `0x10`, `3e3`, `1.0`, `+1` or ` 1`). */
export const isDecimalInteger = (value: unknown): value is string => typeof value === 'string' && /^\d{1,15}$/.test(value);

/**
 * A decimal number written plainly (`12`, `0.5`; no sign, exponent or hex) from `min` to `max`
 * inclusive, such as a CLI option's; `InvalidInput` naming `field` otherwise.
 */
export function parseDecimal(value: string, field: string, min: number, max: number): number {
  const number = /^\d{1,15}(\.\d{1,15})?$/.test(value) ? Number(value) : Number.NaN;
  if (!(number >= min && number <= max)) throw new InvalidInput([{ field, message: `${field} must be a decimal number from ${min} to ${max}` }]);
  return number;
}
