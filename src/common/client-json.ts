import { duplicateNames } from './duplicate-names.js';
import type { FieldError } from './invalid-input.js';
import { tooWide } from './prototype-keys.js';

/**
 * A JSON text a client sent outside a request body (a GraphQL GET's `variables`, a graphql-ws
 * message), parsed, with what it holds that no input may, as a body is checked: a name twice in one
 * object (`duplicateNames`), an object wider than any input (`tooWide`), their paths starting at
 * `within`. `undefined` if the text is not JSON (its own parser refuses it then).
 */
export function parseClientJson(text: string, within?: string): { value: unknown; faults: FieldError[] } | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  return { value, faults: [...duplicateNames(text, within), ...tooWide(value, within)] };
}
