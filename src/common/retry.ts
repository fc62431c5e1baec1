import { defer, lastValueFrom, retry, throwError, timer } from 'rxjs';

/** How `withRetries` tries again. */
export interface RetryPolicy {
  /** Tries after the first failure at the most; unbounded when absent. */
  readonly retries?: number;
  /** Milliseconds to wait after failed try number `attempt` (from 1) before the next. */
  readonly pauseMs: (attempt: number) => number;
  /** Whether a failure is worth another try; any other is thrown at once. Default: every failure. */
  readonly retryIf?: (error: unknown) => boolean;
}

/**
 * Runs `attempt` until it resolves, pausing between failed tries as `policy` says (rxjs `retry`);
 * rejects with the first failure `retryIf` refuses, or with the last once `retries` are spent.
 */
export const withRetries = <T>(attempt: () => Promise<T>, { retries, pauseMs, retryIf = () => true }: RetryPolicy): Promise<T> =>
  lastValueFrom(
    defer(attempt).pipe(
      retry({ count: retries, delay: (error: unknown, tries: number) => (retryIf(error) ? timer(pauseMs(tries)) : throwError(() => error)) }),
    ),
  );
