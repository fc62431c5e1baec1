import type { FieldError } from './invalid-input.js';

/**
 * The members of `value` (at any depth) whose key names a member of `Object.prototype`: `__proto__`,
 * `constructor`, `toString`, `hasOwnProperty`, … class-transformer drops such keys before validation
 * sees them, so they would pass as if absent, where any other unknown key is refused. No input field
 * has such a name: each is refused as unknown, named by its path (`location.constructor`).
 */
export function prototypeKeys(value: unknown, parent = ''): FieldError[] {
  if (value === null || typeof value !== 'object') return [];
  const list = Array.isArray(value);
  return Object.entries(value).flatMap(([key, member]) => {
    const field = list ? `${parent}[${key}]` : parent ? `${parent}.${key}` : key;
    const own = !list && key in Object.prototype ? [{ field, message: `property ${key} should not exist` }] : [];
    return [...own, ...prototypeKeys(member, field)];
  });
}
