import { pause, withRetries } from './retry.js';

/** An attempt that fails with `failures` errors in turn, then resolves with the number of tries. */
function flaky(failures: Error[]) {
  let tries = 0;
  return {
    attempt: async (): Promise<number> => {
      tries += 1;
      if (tries <= failures.length) throw failures[tries - 1];
      return tries;
    },
    tries: () => tries,
  };
}

describe('withRetries', () => {
  it('tries again after each failure until the attempt resolves, pausing by attempt number', async () => {
    const pauses: number[] = [];
    const run = flaky([new Error('one'), new Error('two')]);
    const result = await withRetries(run.attempt, { pauseMs: (attempt) => (pauses.push(attempt), 0) });
    expect(result).toBe(3);
    expect(pauses).toEqual([1, 2]);
  });

  it('rejects with the last failure once the retries are spent', async () => {
    const run = flaky([new Error('one'), new Error('two'), new Error('three')]);
    await expect(withRetries(run.attempt, { retries: 1, pauseMs: () => 0 })).rejects.toThrow('two');
    expect(run.tries()).toBe(2);
  });

  it('rejects at once with a failure retryIf refuses', async () => {
    const run = flaky([new Error('retry me'), new Error('fatal')]);
    await expect(withRetries(run.attempt, { pauseMs: () => 0, retryIf: (error) => (error as Error).message === 'retry me' })).rejects.toThrow('fatal');
    expect(run.tries()).toBe(2);
  });
});

describe('withRetries, resumed and stopped', () => {
  it('resumes after tries that already failed: the first try waits for their pause and counts after them', async () => {
    const pauses: number[] = [];
    const run = flaky([new Error('one')]);
    const result = await withRetries(run.attempt, { failed: 2, pauseMs: (attempt) => (pauses.push(attempt), 0) });
    expect(result).toBe(2);
    expect(pauses).toEqual([2, 3]);
  });

  it('ends a pause when the signal aborts, rejecting with an AbortError without trying again', async () => {
    const stop = new AbortController();
    const run = flaky([new Error('one'), new Error('two')]);
    const retried = withRetries(run.attempt, { pauseMs: () => 60_000, signal: stop.signal });
    await new Promise((resolve) => setImmediate(resolve));
    stop.abort();
    await expect(retried).rejects.toMatchObject({ name: 'AbortError' });
    expect(run.tries()).toBe(1);
  });

  it('does not try at all when resuming with a signal already aborted', async () => {
    const run = flaky([]);
    await expect(withRetries(run.attempt, { failed: 1, pauseMs: () => 60_000, signal: AbortSignal.abort() })).rejects.toMatchObject({ name: 'AbortError' });
    expect(run.tries()).toBe(0);
  });
});

describe('pause', () => {
  it('resolves early when its signal aborts', async () => {
    const stop = new AbortController();
    const paused = pause(60_000, stop.signal);
    stop.abort();
    await expect(paused).resolves.toBeUndefined();
  });
});
