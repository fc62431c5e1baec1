import { anyCause, isDatabaseUnavailable } from '../database/connection-errors.js';

/**
 * SQLSTATE classes that say nothing about the events being applied (PostgreSQL Appendix A):
 * connection exception (08), transaction rollback such as a serialization failure or deadlock (40),
 * insufficient resources (53), operator intervention such as a shutdown or a cancelled query (57),
 * system error (58), and lock not available (55P03).
 */
const TRANSIENT_SQLSTATE = /^(?:08|40|53|57|58)...$|^55P03$/;
/** Node's system errors (ECONNRESET, EPIPE, ETIMEDOUT, …): the connection, not the statement. */
const SYSTEM_ERROR = /^E[A-Z]+$/;

/**
 * True when a failure would pass on a retry as it is: the database or the connection to it, not
 * the data. Such a failure never quarantines anything; any other failure of a batch is a reason to
 * look for the event that causes it.
 */
export const isTransient = (error: unknown): boolean =>
  isDatabaseUnavailable(error) || anyCause(error, ({ code }) => typeof code === 'string' && (TRANSIENT_SQLSTATE.test(code) || SYSTEM_ERROR.test(code)));
