import { givenTwice, InvalidInput } from '../common/invalid-input.js';

/** An option's parser as commander calls it: the value given, and the value so far (`undefined` the first time). */
export type OptionParser<T> = (value: string, previous?: T) => T;

/** `--sub` of the flags `-s, --sub <name>`: how the CLI names an option in its errors. */
export const longFlag = (flags: string): string => /--[\w-]+/.exec(flags)?.[0] ?? flags;

/**
 * `parse` for an option that takes one value: given twice it is refused, naming the flag
 * (`InvalidInput`), as REST refuses a repeated single-valued query parameter with 400, instead of the
 * last one silently winning.
 */
export function singleValue<T>(flags: string, parse: (value: string) => T): OptionParser<T> {
  const flag = longFlag(flags);
  return (value, previous) => {
    if (previous !== undefined) throw new InvalidInput([givenTwice(flag)]);
    return parse(value);
  };
}
