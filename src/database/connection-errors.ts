/**
 * Whether a database error means "the database cannot serve now" rather than "this statement is
 * wrong": SQLSTATE class 08 (connection exception), 53 (insufficient resources), 57P01–57P03
 * (shutdown, cannot connect now), a refused or dropped socket, or the pool giving up on a
 * connection. Looks through TypeORM's `driverError` and `cause` wrappers. Duck-typed on `code` and
 * `message` so that no driver is imported outside the adapters.
 */
export const isDatabaseUnavailable = (error: unknown): boolean =>
  anyCause(error, ({ code, message }) => (typeof code === 'string' && (UNAVAILABLE_STATES.test(code) || UNAVAILABLE_SOCKETS.has(code))) || (typeof message === 'string' && UNAVAILABLE_MESSAGES.test(message)));

/** Whether `error` or an error it wraps (TypeORM's `driverError`, a `cause`; five deep at most) passes `test`. */
export function anyCause(error: unknown, test: (link: { readonly code?: unknown; readonly message?: unknown }) => boolean): boolean {
  // Not `instanceof Error`: socket errors may come from another realm (Node's own, under a test runner's VM).
  for (let current = error, depth = 0; typeof current === 'object' && current !== null && depth < 5; depth++) {
    const link = current as { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown };
    if (test(link)) return true;
    current = link.driverError ?? link.cause;
  }
  return false;
}

const UNAVAILABLE_STATES = /^(08...|53...|57P0[123])$/;
const UNAVAILABLE_SOCKETS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
// node-postgres reports a dropped connection, a connect timeout and an ended pool by message only.
const UNAVAILABLE_MESSAGES = /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Cannot use a pool after calling end)/;
