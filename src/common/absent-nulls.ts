import { InvalidInput } from './invalid-input.js';

/**
 * `null` in client input means absent (REST bodies and GraphQL inputs alike), so no null reaches a
 * command, an event or a read model; a `null` array element stays, for validation to refuse. The one
 * exception is the top of an amendment (`PATCH`, `amend*` mutations), read as a JSON merge patch
 * (RFC 7396): there `null` clears the field (`patchOf`, `refuseClearing`).
 */
export function withoutNulls<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withoutNulls) as T;
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== null).map(([key, field]) => [key, withoutNulls(field)])) as T;
}

/** An amendment's fields: a top-level `null` stays (it clears that field), deeper ones are absent (`withoutNulls`). */
export function patchOf<T extends object>(value: T): { [K in keyof T]: T[K] | null } {
  return Object.fromEntries(Object.entries(value).map(([key, field]) => [key, field === null ? null : withoutNulls(field)])) as { [K in keyof T]: T[K] | null };
}

/** Throws `InvalidInput` (400) naming each of `required` that `patch` clears: a required field cannot be cleared. */
export function refuseClearing(patch: object, required: readonly string[]): void {
  const cleared = required.filter((field) => (patch as Record<string, unknown>)[field] === null);
  if (cleared.length > 0) throw new InvalidInput(cleared.map((field) => ({ field, message: `${field} is required; it cannot be cleared with null` })));
}
