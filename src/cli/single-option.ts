import { Option, type OptionMetadata } from 'nest-commander';
import { InvalidInput } from '../common/invalid-input.js';

type Parser = (this: unknown, value: string, previous?: unknown) => unknown;

/**
 * nest-commander's `@Option` for an option that takes one value: given twice it is refused, naming
 * the flag (`InvalidInput`), as REST refuses a repeated single-valued query parameter with 400,
 * instead of the last one silently winning. An option that takes several values (`token --role`)
 * accumulates them in its own parser with `@Option`. No `defaultValue`: commander would pass it as
 * the previous value of the first occurrence; the command applies its default itself.
 */
export function SingleOption(meta: Omit<OptionMetadata, 'defaultValue'>): MethodDecorator {
  const flag = /--[\w-]+/.exec(meta.flags)?.[0] ?? meta.flags;
  return (target, key, descriptor) => {
    const parse = descriptor.value as Parser;
    const once: Parser = function (value, previous) {
      if (previous !== undefined) throw new InvalidInput([{ field: flag, message: `${flag} takes one value; it was given more than once` }]);
      return parse.call(this, value);
    };
    Object.assign(descriptor, { value: once });
    return Option(meta)(target, key, descriptor);
  };
}
