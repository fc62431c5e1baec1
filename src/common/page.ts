import { InvalidInput } from './invalid-input.js';
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

/** The one paging rule of every transport (REST `?first=`, GraphQL `first:`): an integer from 1 to `MAX_PAGE_SIZE`. */
export const isPageSize = (value: unknown): value is number => Number.isInteger(value) && (value as number) >= 1 && (value as number) <= MAX_PAGE_SIZE;
export const pageSizeMessage = (field: string) => `${field} must be an integer from 1 to ${MAX_PAGE_SIZE}`;

export function pageSize(first: number | undefined): number {
  const size = first ?? DEFAULT_PAGE_SIZE;
  if (!isPageSize(size)) throw new InvalidInput([{ field: 'first', message: pageSizeMessage('first') }]);
  return size;
}

type Key = readonly (string | number)[];

/**
 * The cursors of one list: the sort key of an item with the list's name, as base64url-encoded JSON
 * (`["actors", name, id]`), opaque to clients. `decode` never trusts one: it must name this list (a
 * cursor of another list is refused), `isKey` checks each part with the parser of its kind
 * (`common/input-values.ts`) and text parts must be storable (`isStorableText`), so a crafted cursor
 * is a 400 `CURSOR.INVALID` naming `after`, not a failed statement. Only the one spelling `encode`
 * gives a key is its cursor: Node's decoder takes padding, `+`, `/` and stray characters, and JSON
 * takes whitespace.
 */
export class Cursors<K extends Key> {
  constructor(
    private readonly list: string,
    private readonly isKey: (key: unknown) => key is K,
  ) {}

  encode(key: K): string {
    return Buffer.from(JSON.stringify([this.list, ...key])).toString('base64url');
  }

  decode(cursor: string): K {
    try {
      const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
      const key: unknown = Array.isArray(parsed) && parsed[0] === this.list ? parsed.slice(1) : undefined;
      if (this.isKey(key) && key.every((part) => typeof part !== 'string' || isStorableText(part)) && this.encode(key) === cursor) return key;
    } catch {
      // reported below
    }
    throw new InvalidInput([{ field: 'after', message: 'after must be a cursor returned by an earlier page' }], 'CURSOR.INVALID');
  }
}

/** A row sequence number as the read models store it (PostgreSQL `integer`). */
export const isSequence = (value: unknown): value is number => Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 2 ** 31 - 1;

/** Cuts one-past-the-page rows (fetched to know whether more follow) into a page. */
export function pageOf<Row, T, K extends Key>(rows: readonly Row[], size: number, toItem: (row: Row) => T, keyOf: (row: Row) => K, cursors: Cursors<K>): Page<T> {
  const more = rows.length > size;
  const items = rows.slice(0, size);
  return { items: items.map(toItem), nextCursor: more ? cursors.encode(keyOf(items.at(-1)!)) : null };
}
