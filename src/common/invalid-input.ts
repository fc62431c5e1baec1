import type { ValidationError } from 'class-validator';

export interface FieldError {
  /** Dotted path of the failing input field, e.g. `source.kind`. */
  readonly field: string;
  readonly message: string;
}

/** Bad input (HTTP 400): thrown by validation before any command runs; `code` is `INPUT.INVALID` unless a more precise one applies. */
/** A member no input defines, worded as the validation words it (class-validator's whitelist): `property x should not exist`. */
export const unknownMember = (field: string, key = field): FieldError => ({ field, message: `property ${key} should not exist` });

/** A query parameter or CLI option that takes one value, given more than once. */
export const givenTwice = (field: string): FieldError => ({ field, message: `${field} takes one value; it was given more than once` });

/**
 * The most field errors one refusal lists: input holding thousands of faults (unknown members, list
 * items) is answered with its first ones, in an answer of bounded size, and its detail says more
 * were found. Producers that can stop early (GraphQL variables) stop after one more than this.
 */
export const MAX_FIELD_ERRORS = 20;

/** Ends a message listing `MAX_FIELD_ERRORS` errors of more. */
export const MORE = `; and more (the first ${MAX_FIELD_ERRORS} are listed)`;

export class InvalidInput extends Error {
  /** The distinct errors (a field and message said twice once), at most `MAX_FIELD_ERRORS`. */
  readonly errors: readonly FieldError[];
  /** Whether there were more than those. */
  readonly more: boolean;

  constructor(
    errors: readonly FieldError[],
    readonly code = 'INPUT.INVALID',
  ) {
    const distinct = [...new Map(errors.map((error) => [`${error.field}\0${error.message}`, error])).values()];
    const listed = distinct.slice(0, MAX_FIELD_ERRORS);
    super(`Invalid input: ${listed.map((error) => `${error.field}: ${error.message}`).join('; ')}${distinct.length > listed.length ? MORE : ''}`);
    this.errors = listed;
    this.more = distinct.length > listed.length;
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

/** class-validator's rules of a value's type: when one refuses a value, what the others say of it (its length, its range) is beside the point. */
const TYPE_RULES = new Set(['isString', 'isInt', 'isNumber', 'isBoolean', 'isArray', 'isObject']);

/**
 * Flattens class-validator's nested errors into dotted field paths, each message naming its field by
 * that path (`source.kind must be one of …`). A rule checked on each element of an array with an
 * `ElementRule` names each element it refuses by index (`aliases[1]`), as GraphQL names list items,
 * in a message of its own made for that element. A field that is absent (or `null`) and yet checked
 * is a required one: one message says so, not what its value should be. A value (or element) of the
 * wrong type is said to be so alone.
 */
export function fieldErrors(errors: readonly ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    if (error.constraints && (error.value === undefined || error.value === null)) return [{ field, message: `${field} is required` }];
    const own = Object.entries(error.constraints ?? {}).flatMap(([rule, message]) => {
      const element: unknown = error.contexts?.[rule]?.element;
      if (!isElementRule(element) || !Array.isArray(error.value)) return [{ rule, field, message: message.startsWith(`${error.property} `) ? `${field}${message.slice(error.property.length)}` : message }];
      return error.value.flatMap((value, index) => (element.accepts(value) ? [] : [{ rule, field: `${field}[${index}]`, message: element.message(`${field}[${index}]`) }]));
    });
    const mistyped = new Set(own.filter(({ rule }) => TYPE_RULES.has(rule)).map(({ field: named }) => named));
    // The field first, then its elements in order (a stable sort: each one's rules stay in theirs).
    const indexOf = (named: string) => (named === field ? -1 : Number(named.slice(field.length + 1, -1)));
    const said = own
      .filter(({ rule, field: named }) => !mistyped.has(named) || TYPE_RULES.has(rule))
      .sort((a, b) => indexOf(a.field) - indexOf(b.field))
      .map(({ field: named, message }) => ({ field: named, message }));
    return [...said, ...fieldErrors(error.children ?? [], field)];
  });
}
