import type { ExpectedRevision } from './event-store.port.js';

/** Base of the port's errors; adapters translate driver errors into these and nothing else. */
export abstract class EventStoreError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

export class WrongExpectedVersion extends EventStoreError {
  constructor(
    readonly stream: string,
    readonly expected: ExpectedRevision,
    /** Revision of the stream's last event, or `undefined` when the stream does not exist. */
    readonly actual: bigint | undefined,
  ) {
    super(`Wrong expected version on ${stream}: expected ${String(expected)}, actual ${actual === undefined ? 'no stream' : String(actual)}`);
  }
}

export class StreamNotFound extends EventStoreError {
  constructor(readonly stream: string) {
    super(`Stream ${stream} not found`);
  }
}

export class EventStoreUnavailable extends EventStoreError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(`Event store unavailable: ${message}`, options);
  }
}
