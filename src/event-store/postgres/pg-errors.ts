import pg from 'pg';
import { isDatabaseUnavailable } from '../../database/connection-errors.js';
import { EventStoreError, EventStoreUnavailable } from '../event-store.errors.js';

/** SQLSTATEs meaning "another append got there first": re-examine the stream, then decide. */
const CONFLICT_CODES = new Set(['23505', '40001', '40P01']);

export const isAppendConflict = (error: unknown): boolean =>
  error instanceof pg.DatabaseError && error.code !== undefined && CONFLICT_CODES.has(error.code);

/**
 * The adapter's one translation of driver failures: port errors pass through; a database that
 * cannot serve now (`isDatabaseUnavailable`: refused or dropped connections, server shutdown, pool
 * exhaustion) becomes `EventStoreUnavailable`; anything else (a bug, a statement the server refuses)
 * is returned as it is, to surface as a 500 with its stack rather than as a 503 inviting a retry.
 */
export function toPortError(error: unknown): unknown {
  if (error instanceof EventStoreError || !isDatabaseUnavailable(error)) return error;
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
