import { anyCause, isDatabaseUnavailable } from '../database/connection-errors.js';
import { EventStoreUnavailable } from '../event-store/event-store.errors.js';

/**
 * SQLSTATEs of a statement that may pass as it is when tried again, though the database is up
 * (PostgreSQL Appendix A): transaction rollback such as a serialization failure or deadlock (class
 * 40), operator intervention such as a cancelled query (57), system error (58), lock not available
 * (55P03).
 */
const RETRYABLE_STATEMENT = /^(?:40|57|58)...$|^55P03$/;

/**
 * True when a failure would pass on a retry as it is: the database or the event store cannot serve
 * now (`isDatabaseUnavailable`, `EventStoreUnavailable`) or the statement lost to another
 * transaction. Such a failure never quarantines anything; any other failure of a batch is a reason
 * to look for the event that causes it.
 */
export const isTransient = (error: unknown): boolean =>
  error instanceof EventStoreUnavailable || isDatabaseUnavailable(error) || anyCause(error, ({ code }) => typeof code === 'string' && RETRYABLE_STATEMENT.test(code));
