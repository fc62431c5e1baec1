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

/** A list rule's message for one element: `aliases[1] must …`, not `aliases must …` or `each value in aliases must …` once per element. */
const elementMessage = (message: string, property: string, element: string): string => message.replace(new RegExp(`^(each value in )?${property}\\b`), element);

/**
 * Flattens class-validator's nested errors into dotted field paths. A rule checked on each element
 * of an array (its `context.element` is the rule for one element, `input-rules.ts`) names each
 * element it refuses by index (`aliases[1]`), as GraphQL names list items.
 */
export function fieldErrors(errors: readonly ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).flatMap(([rule, message]) => {
      const element: unknown = error.contexts?.[rule]?.element;
      if (typeof element !== 'function' || !Array.isArray(error.value)) return [{ field, message }];
      return error.value.flatMap((value, index) => (element(value) ? [] : [{ field: `${field}[${index}]`, message: elementMessage(message, error.property, `${error.property}[${index}]`) }]));
    });
    return [...own, ...fieldErrors(error.children ?? [], field)];
  });
}
