import type { FieldError } from './invalid-input.js';

/** Keys the object mapping treats as an object's machinery, not its data: `Object.prototype`'s members and `prototype`. */
const MACHINERY = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype']);

/**
 * The members of `value` (at any depth) whose key names object machinery: `__proto__`, `constructor`,
 * `prototype`, `toString`, `hasOwnProperty`, … class-transformer and class-validator's whitelist pass
 * such keys as if absent (or misname them), where any other unknown key is refused. No input field has
 * such a name: each is refused as unknown, named by its path (`location.prototype`).
 */
export function prototypeKeys(value: unknown, parent = ''): FieldError[] {
  if (value === null || typeof value !== 'object') return [];
  const list = Array.isArray(value);
  return Object.entries(value).flatMap(([key, member]) => {
    const field = list ? `${parent}[${key}]` : parent ? `${parent}.${key}` : key;
    const own = !list && MACHINERY.has(key) ? [{ field, message: `property ${key} should not exist` }] : [];
    return [...own, ...prototypeKeys(member, field)];
  });
}
