import pg from 'pg';
import { EventStoreError, EventStoreUnavailable } from '../event-store.errors.js';

/** SQLSTATEs meaning "another append got there first": re-examine the stream, then decide. */
const CONFLICT_CODES = new Set(['23505', '40001', '40P01']);

export const isAppendConflict = (error: unknown): boolean =>
  error instanceof pg.DatabaseError && error.code !== undefined && CONFLICT_CODES.has(error.code);

/**
 * The adapter's one translation of driver failures: port errors pass through, everything else
 * (refused or dropped connections, server shutdown, pool exhaustion) becomes `EventStoreUnavailable`.
 */
export function toPortError(error: unknown): Error {
  if (error instanceof EventStoreError) return error;
  return new EventStoreUnavailable(error instanceof Error ? error.message : String(error), { cause: error });
}

/** Runs `work`, translating whatever it throws with `toPortError`. */
export async function translated<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw toPortError(error);
  }
}
