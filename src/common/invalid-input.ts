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

/** Flattens class-validator's nested errors into dotted field paths. */
export function fieldErrors(errors: readonly ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...fieldErrors(error.children ?? [], field)];
  });
}
