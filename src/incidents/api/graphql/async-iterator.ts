import type { Observable } from 'rxjs';

/**
 * An observable as the async iterator GraphQL subscriptions consume. Values are queued while the
 * consumer is busy (none is dropped); `return()` (the client unsubscribed or disconnected)
 * unsubscribes and runs `onClose`.
 */
export function asyncIteratorOf<T>(source: Observable<T>, onClose: () => void = () => undefined): AsyncIterableIterator<T> {
  const queued: T[] = [];
  const waiting: ((result: IteratorResult<T>) => void)[] = [];
  let failure: unknown;
  let done = false;
  const finish = () => {
    if (done) return;
    done = true;
    subscription.unsubscribe();
    onClose();
    for (const resolve of waiting.splice(0)) resolve({ value: undefined, done: true });
  };
  const subscription = source.subscribe({
    next: (value) => {
      const resolve = waiting.shift();
      if (resolve) resolve({ value, done: false });
      else queued.push(value);
    },
    error: (error: unknown) => {
      failure = error;
      finish();
    },
    complete: finish,
  });
  return {
    next: () => {
      if (queued.length > 0) return Promise.resolve({ value: queued.shift()!, done: false });
      if (failure !== undefined) return Promise.reject(failure);
      if (done) return Promise.resolve({ value: undefined, done: true });
      return new Promise((resolve) => waiting.push(resolve));
    },
    return: () => {
      finish();
      return Promise.resolve({ value: undefined, done: true });
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
