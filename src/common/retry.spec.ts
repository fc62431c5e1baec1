import { backoff, pause, pollUntil, withRetries } from './retry.js';

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

describe('withRetries with a timeout', () => {
  it('starts no try once the timeout has passed, rejecting with the last failure', async () => {
    const run = flaky([new Error('one'), new Error('two')]);
    await expect(withRetries(run.attempt, { pauseMs: () => 0, timeoutMs: 0 })).rejects.toThrow('one');
    expect(run.tries()).toBe(1);
  });

  it('tries again while the timeout has not passed', async () => {
    const run = flaky([new Error('one'), new Error('two')]);
    await expect(withRetries(run.attempt, { pauseMs: () => 0, timeoutMs: 60_000 })).resolves.toBe(3);
  });

  it('still rejects at once with a failure retryIf refuses', async () => {
    const run = flaky([new Error('fatal')]);
    await expect(withRetries(run.attempt, { pauseMs: () => 0, timeoutMs: 60_000, retryIf: () => false })).rejects.toThrow('fatal');
    expect(run.tries()).toBe(1);
  });
});

describe('backoff', () => {
  it('pauses first after the first failure, doubling after each, never over max', () => {
    const pauseMs = backoff({ first: 100, max: 1_000 });
    expect([1, 2, 3, 4, 5, 6].map(pauseMs)).toEqual([100, 200, 400, 800, 1_000, 1_000]);
  });
});

describe('pollUntil', () => {
  /** A read giving 1, 2, 3, … */
  const counter = () => {
    let reads = 0;
    return async () => ++reads;
  };

  it('reads until done accepts the value, and resolves with it', async () => {
    await expect(pollUntil(counter(), (value) => value >= 3, { pauseMs: 0, timeoutMs: 60_000 })).resolves.toBe(3);
  });

  it('resolves with the last value read once the timeout has passed', async () => {
    await expect(pollUntil(counter(), () => false, { pauseMs: 0, timeoutMs: 0 })).resolves.toBe(1);
  });

  it('rejects at once with a read that fails', async () => {
    let reads = 0;
    const failing = async (): Promise<number> => {
      reads += 1;
      throw new Error('read failed');
    };
    await expect(pollUntil(failing, () => false, { pauseMs: 0, timeoutMs: 60_000 })).rejects.toThrow('read failed');
    expect(reads).toBe(1);
  });
});
