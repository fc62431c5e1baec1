import { Option, type OptionMetadata } from 'nest-commander';
import { singleValue } from './single-value.js';

/**
 * nest-commander's `@Option` for an option that takes one value, or a flag (`singleValue`: commander
 * calls a flag's parser too): given twice it is refused, naming the flag. An option that takes several values accumulates them in its own parser
 * with `@Option`. No `defaultValue`: commander would pass it as the previous value of the first
 * occurrence; the command applies its default itself.
 */
export function SingleOption(meta: Omit<OptionMetadata, 'defaultValue'>): MethodDecorator {
  return (target, key, descriptor) => {
    const parse = descriptor.value as (this: unknown, value: string) => unknown;
    const once = function (this: unknown, value: string, previous?: unknown) {
      return singleValue(meta.flags, (one) => parse.call(this, one))(value, previous);
    };
    Object.assign(descriptor, { value: once });
    return Option(meta)(target, key, descriptor);
  };
}
