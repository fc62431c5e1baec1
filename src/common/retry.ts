import { setTimeout as delay } from 'node:timers/promises';
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
}

/** Waits `ms` milliseconds, or less if `signal` aborts first; never rejects. */
export const pause = (ms: number, signal?: AbortSignal): Promise<void> => delay(ms, undefined, { signal }).catch(() => undefined);

/**
 * Runs `attempt` until it resolves, pausing between failed tries as `policy` says (rxjs `retry`);
 * rejects with the first failure `retryIf` refuses, with the last once `retries` are spent, or with an
 * `AbortError` when `signal` aborts during a pause.
 */
export const withRetries = <T>(attempt: () => Promise<T>, { retries, pauseMs, retryIf = () => true, failed = 0, signal }: RetryPolicy): Promise<T> => {
  const pauseAfter = (attempt: number) => defer(() => delay(pauseMs(attempt), undefined, { signal }));
  const tries = defer(attempt).pipe(
    retry({ count: retries, delay: (error: unknown, tries: number) => (retryIf(error) ? pauseAfter(failed + tries) : throwError(() => error)) }),
  );
  return lastValueFrom(failed > 0 ? concat(pauseAfter(failed).pipe(ignoreElements()), tries) : tries);
};
