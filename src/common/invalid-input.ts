import type { ValidationError } from 'class-validator';

export interface FieldError {
  /** Dotted path of the failing input field, e.g. `source.kind`. */
  readonly field: string;
  readonly message: string;
}

/** Bad input (HTTP 400): thrown by validation before any command runs; `code` is `INPUT.INVALID` unless a more precise one applies. */
export class InvalidInput extends Error {
  constructor(
    readonly errors: readonly FieldError[],
    readonly code = 'INPUT.INVALID',
  ) {
    super(`Invalid input: ${errors.map((error) => `${error.field}: ${error.message}`).join('; ')}`);
  }
}

/**
 * The rule for one element of a list, given to a class-validator rule checked on each element as
 * `context: { element }` (`input-rules.ts`): `accepts` tells the elements it refuses and `message`
 * words the refusal of one, named by its path (`aliases[1]`).
 */
export interface ElementRule {
  accepts(value: unknown): boolean;
  message(field: string): string;
}

const isElementRule = (rule: unknown): rule is ElementRule => typeof (rule as ElementRule | undefined)?.accepts === 'function';

/**
 * Flattens class-validator's nested errors into dotted field paths. A rule checked on each element
 * of an array with an `ElementRule` names each element it refuses by index (`aliases[1]`), as GraphQL
 * names list items, in a message of its own made for that element. A field that is absent (or
 * `null`) and yet checked is a required one: one message says so, not what its value should be.
 */
export function fieldErrors(errors: readonly ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    if (error.constraints && (error.value === undefined || error.value === null)) return [{ field, message: `${field} is required` }];
    const own = Object.entries(error.constraints ?? {}).flatMap(([rule, message]) => {
      const element: unknown = error.contexts?.[rule]?.element;
      if (!isElementRule(element) || !Array.isArray(error.value)) return [{ field, message }];
      return error.value.flatMap((value, index) => (element.accepts(value) ? [] : [{ field: `${field}[${index}]`, message: element.message(`${error.property}[${index}]`) }]));
    });
    return [...own, ...fieldErrors(error.children ?? [], field)];
  });
}
