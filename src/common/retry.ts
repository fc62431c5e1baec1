import { setTimeout as delay } from 'node:timers/promises';
import { performance } from 'node:perf_hooks';
import { concat, defer, ignoreElements, lastValueFrom, retry, throwError } from 'rxjs';

/** How `withRetries` tries again. */
export interface RetryPolicy {
  /** Tries after the first failure at the most; unbounded when absent. */
  readonly retries?: number;
  /** Milliseconds to wait after failed try number `attempt` (from 1) before the next. */
  readonly pauseMs: (attempt: number) => number;
  /** Whether a failure is worth another try; any other is thrown at once. Default: every failure. */
  readonly retryIf?: (error: unknown) => boolean;
  /** Tries that failed before this call: the first try here waits `pauseMs(failed)` and is try `failed + 1`. Default 0. */
  readonly failed?: number;
  /** Cuts a pause short: the retries end, rejecting with the signal's `AbortError`. */
  readonly signal?: AbortSignal;
  /**
   * Milliseconds from the call after which no try starts: the last failure is thrown. Measured on
   * the monotonic clock (`performance.now()`): elapsed time, not the application's `Clock`.
   */
  readonly timeoutMs?: number;
}

/** The bounds of an exponential backoff, in milliseconds. */
export interface Backoff {
  /** The pause after the first failure. */
  readonly first: number;
  /** The longest pause. */
  readonly max: number;
}

/** Exponential backoff as a `pauseMs`: `first` ms after failure 1, doubling after each, never over `max`. */
export const backoff =
  ({ first, max }: Backoff) =>
  (attempt: number): number =>
    Math.min(max, first * 2 ** (attempt - 1));

/** Waits `ms` milliseconds, or less if `signal` aborts first; never rejects. */
export const pause = (ms: number, signal?: AbortSignal): Promise<void> => delay(ms, undefined, { signal }).catch(() => undefined);

/**
 * Runs `attempt` until it resolves, pausing between failed tries as `policy` says (rxjs `retry`);
 * rejects with the first failure `retryIf` refuses, with the last once `retries` are spent or
 * `timeoutMs` has passed, or with an `AbortError` when `signal` aborts during a pause.
 */
export const withRetries = <T>(attempt: () => Promise<T>, { retries, pauseMs, retryIf = () => true, failed = 0, signal, timeoutMs }: RetryPolicy): Promise<T> => {
  const deadline = timeoutMs === undefined ? Infinity : performance.now() + timeoutMs;
  const pauseAfter = (attempt: number) => defer(() => delay(pauseMs(attempt), undefined, { signal }));
  const retrying = (error: unknown) => retryIf(error) && performance.now() < deadline;
  const tries = defer(attempt).pipe(
    retry({ count: retries, delay: (error: unknown, tries: number) => (retrying(error) ? pauseAfter(failed + tries) : throwError(() => error)) }),
  );
  return lastValueFrom(failed > 0 ? concat(pauseAfter(failed).pipe(ignoreElements()), tries) : tries);
};

/** A read `pollUntil` found not done yet (the failure that makes `withRetries` read again). */
const NOT_YET = Symbol('not yet');

/**
 * Reads with `read` until `done` accepts the value, pausing `pauseMs` between reads; resolves with
 * the value `done` accepted, or with the last value read once `timeoutMs` has passed (the caller
 * tells the two apart with `done` if it must). A failing read rejects at once.
 */
export async function pollUntil<T>(read: () => Promise<T>, done: (value: T) => boolean, { pauseMs, timeoutMs }: { readonly pauseMs: number; readonly timeoutMs: number }): Promise<T> {
  let last!: T;
  const attempt = async (): Promise<T> => {
    last = await read();
    if (!done(last)) throw NOT_YET;
    return last;
  };
  return withRetries(attempt, { pauseMs: () => pauseMs, retryIf: (error) => error === NOT_YET, timeoutMs }).catch((error: unknown) => {
    if (error === NOT_YET) return last;
    throw error;
  });
}
