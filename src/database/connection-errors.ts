/**
 * The one classifier of "the database cannot serve now" (unreachable, restarting, out of
 * connections) as opposed to "this statement or this code is wrong": SQLSTATE class 08 (connection
 * exception) and 53 (insufficient resources, such as 53300 too many connections), 57P01–57P03
 * (administrator, crash or immediate shutdown; cannot connect now) and 57P05 (idle session
 * timeout), a refused, reset or unreachable socket, or node-postgres reporting a dropped connection,
 * a connect timeout or an ended pool. Looks through TypeORM's `driverError` and `cause` wrappers.
 * Duck-typed on `code` and `message` so that no driver is imported outside the adapters.
 *
 * Who asks: the PostgreSQL event store (only these become `EventStoreUnavailable`), the transport
 * mapping (503 `STORE.UNAVAILABLE` for a read model's query) and the projection runner (never a
 * reason to quarantine). Anything else is a bug or bad data: a 500, logged with its stack.
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

const UNAVAILABLE_STATES = /^(08...|53...|57P0[1235])$/;
/** Node's socket and name-resolution errors: the connection, not the statement. */
const UNAVAILABLE_SOCKETS: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ENETUNREACH',
  'ENETDOWN',
  'EADDRNOTAVAIL',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
// node-postgres reports a dropped connection, a connect timeout and an ended pool by message only.
const UNAVAILABLE_MESSAGES = /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Cannot use a pool after calling end)/;
