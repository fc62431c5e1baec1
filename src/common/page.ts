import { isUUID } from 'class-validator';
import { InvalidInput } from './invalid-input.js';
import { isPosition, isWrittenTime, MAX_POSITION } from './input-values.js';
import { isStorableText } from './plain-values.js';

/** docs/api.md: lists are `{ items, nextCursor }`, paged with `first` (default 50, at most 500) and `after`. */
export interface Page<T> {
  readonly items: readonly T[];
  readonly nextCursor: string | null;
}

export interface PageRequest {
  readonly first?: number;
  readonly after?: string;
}

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;

/** The one paging rule of every transport (REST `?first=`, GraphQL `first:`): an integer from 1 to `max` (a list's own, `MAX_PAGE_SIZE` unless it says). */
export const isPageSize = (value: unknown, max = MAX_PAGE_SIZE): value is number => Number.isInteger(value) && (value as number) >= 1 && (value as number) <= max;
export const pageSizeMessage = (field: string, max = MAX_PAGE_SIZE) => `${field} must be an integer from 1 to ${max}`;

export function pageSize(first: number | undefined): number {
  const size = first ?? DEFAULT_PAGE_SIZE;
  if (!isPageSize(size)) throw new InvalidInput([{ field: 'first', message: pageSizeMessage('first') }]);
  return size;
}

type Key = readonly (string | number)[];

/** A row sequence number as the read models store it (PostgreSQL `integer`). */
export const isSequence = (value: unknown): value is number => Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 2 ** 31 - 1;

/**
 * The kinds of a cursor key's parts, each a check that a part is of its kind in the one spelling
 * cursors give it (keys are made from rows: lower-case uuids, times from `toISOString`, positions
 * without leading zeros), with the parser of that kind (`common/input-values.ts`).
 */
export const CURSOR_PARTS = {
  /** Text PostgreSQL can hold (`isStorableText`). */
  text: (part: unknown) => typeof part === 'string' && isStorableText(part),
  uuid: (part: unknown) => typeof part === 'string' && isUUID(part, 'all') && part === part.toLowerCase(),
  time: isWrittenTime,
  /** A position or revision below `MAX_POSITION`: the next page starts after it. */
  position: (part: unknown) => isPosition(part) && BigInt(part) < MAX_POSITION,
  sequence: isSequence,
} satisfies Record<string, (part: unknown) => boolean>;

/**
 * The cursors of one list: the sort key of an item with the list's name, as base64url-encoded JSON
 * (`["actors", name, id]`), opaque to clients. `decode` never trusts one: only the exact text
 * `encode` gives a key of this list is its cursor: another list's is refused, each part must be of
 * its kind (`CURSOR_PARTS`) as cursors spell it, and Node's base64 decoder (which takes padding, `+`,
 * `/` and stray characters) and JSON (whitespace) must not have read another spelling. So a crafted
 * cursor is a 400 `CURSOR.INVALID` naming `after`, never a failed statement.
 */
export class Cursors<K extends Key> {
  constructor(
    private readonly list: string,
    private readonly parts: readonly ((part: unknown) => boolean)[],
  ) {}

  encode(key: K): string {
    return Buffer.from(JSON.stringify([this.list, ...key])).toString('base64url');
  }

  decode(cursor: string): K {
    try {
      const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
      if (Array.isArray(parsed) && parsed[0] === this.list && parsed.length === this.parts.length + 1) {
        const key = parsed.slice(1) as unknown as K;
        if (this.parts.every((isPart, i) => isPart(key[i])) && this.encode(key) === cursor) return key;
      }
    } catch {
      // reported below
    }
    throw new InvalidInput([{ field: 'after', message: 'after must be a cursor returned by an earlier page' }], 'CURSOR.INVALID');
  }
}

/** Cuts one-past-the-page rows (fetched to know whether more follow) into a page. */
export function pageOf<Row, T, K extends Key>(rows: readonly Row[], size: number, toItem: (row: Row) => T, keyOf: (row: Row) => K, cursors: Cursors<K>): Page<T> {
  const more = rows.length > size;
  const items = rows.slice(0, size);
  return { items: items.map(toItem), nextCursor: more ? cursors.encode(keyOf(items.at(-1)!)) : null };
}
