import { type FieldError, unknownMember } from './invalid-input.js';

/** Keys the object mapping treats as an object's machinery, not its data: `Object.prototype`'s members and `prototype`. */
const MACHINERY = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype']);

/** Levels of objects and lists a client document may nest (the API's deepest input has 3): a walk of a deeper one could exhaust the stack. */
export const MAX_INPUT_DEPTH = 32;

/**
 * The members of `value` (at any depth) whose key names object machinery: `__proto__`, `constructor`,
 * `prototype`, `toString`, `hasOwnProperty`, … class-transformer and class-validator's whitelist pass
 * such keys as if absent (or misname them), where any other unknown key is refused. No input field has
 * such a name: each is refused as unknown, named by its path (`location.prototype`). A document
 * nested deeper than `MAX_INPUT_DEPTH` is refused at the first member that deep, and nothing after
 * this walk (which keeps its own stack) walks it.
 */
export function prototypeKeys(value: unknown): FieldError[] {
  const errors: FieldError[] = [];
  // Depth first, members in order: each member's own error, then those under it.
  const stack: { field: string; member: unknown; depth: number; machinery?: string }[] = [{ field: '', member: value, depth: 0 }];
  while (stack.length > 0) {
    const { field, member, depth, machinery } = stack.pop()!;
    if (machinery !== undefined) errors.push(unknownMember(field, machinery));
    if (member === null || typeof member !== 'object') continue;
    if (depth === MAX_INPUT_DEPTH) return [{ field, message: `${field} is nested deeper than ${MAX_INPUT_DEPTH} levels of objects and lists` }];
    const list = Array.isArray(member);
    const members = Object.entries(member);
    for (let i = members.length - 1; i >= 0; i--) {
      const [key, child] = members[i];
      stack.push({ field: list ? `${field}[${key}]` : field ? `${field}.${key}` : key, member: child, depth: depth + 1, machinery: !list && MACHINERY.has(key) ? key : undefined });
    }
  }
  return errors;
}

/** Members an object of a client document may hold: the API's widest input has a dozen; class-transformer takes time quadratic in them. */
export const MAX_OBJECT_MEMBERS = 100;

/**
 * The first member past `MAX_OBJECT_MEMBERS` of each object of `value` that holds more, named by its
 * path (`location.u100`, from `within`), down to `MAX_INPUT_DEPTH` levels: such a document is refused before
 * anything maps or validates it (a REST body of 23,000 unknown members took class-transformer 2 s).
 * GraphQL bodies too: no operation's variables hold such an object.
 */
export function tooWide(value: unknown, within = ''): FieldError[] {
  const errors: FieldError[] = [];
  const stack: { field: string; member: unknown; depth: number }[] = [{ field: within, member: value, depth: 0 }];
  while (stack.length > 0) {
    const { field, member, depth } = stack.pop()!;
    if (member === null || typeof member !== 'object' || depth === MAX_INPUT_DEPTH) continue;
    const list = Array.isArray(member);
    const members = Object.entries(member);
    const path = (key: string) => (list ? `${field}[${key}]` : field ? `${field}.${key}` : key);
    if (!list && members.length > MAX_OBJECT_MEMBERS) {
      const [key] = members[MAX_OBJECT_MEMBERS];
      errors.push({ field: path(key), message: `${path(key)} is past the ${MAX_OBJECT_MEMBERS} members an object may hold` });
      continue;
    }
    for (const [key, child] of members) stack.push({ field: path(key), member: child, depth: depth + 1 });
  }
  return errors;
}
