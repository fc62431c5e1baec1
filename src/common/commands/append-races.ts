import { withRetries } from '../retry.js';
import { WrongExpectedVersion } from '../../event-store/event-store.errors.js';
import { ConcurrencyConflict } from './application-errors.js';
import type { CommandContext } from './command-context.js';

const MAX_ATTEMPTS = 50;

/**
 * Runs one read → decide → append `attempt` on `stream`, again (after a short random pause) each
 * time it loses the append race, unless the client pinned the revision (If-Match): then the
 * `WrongExpectedVersion` is the answer. After 50 lost races: `ConcurrencyConflict` (409).
 */
export function retryingLostRaces<T>(stream: string, context: CommandContext, attempt: () => Promise<T>): Promise<T> {
  const lostRace = (error: unknown): boolean => error instanceof WrongExpectedVersion && context.expectedRevision === undefined;
  return withRetries(attempt, { retries: MAX_ATTEMPTS - 1, retryIf: lostRace, pauseMs: (tries) => Math.random() * 5 * tries }).catch((error: unknown) => {
    throw lostRace(error) ? new ConcurrencyConflict(stream, MAX_ATTEMPTS) : error;
  });
}
