/** An `Idempotency-Key` reused with a different request (HTTP 422). */
export class IdempotencyKeyReused extends Error {
  constructor(readonly key: string) {
    super(`Idempotency-Key "${key}" was already used with a different request`);
  }
}

/** Concurrent writers kept winning the race for the stream's next revision (HTTP 409). */
export class ConcurrencyConflict extends Error {
  constructor(
    readonly stream: string,
    readonly attempts: number,
  ) {
    super(`Gave up appending to ${stream} after ${attempts} concurrent-write conflicts; retry the request`);
  }
}

/** A command that takes turns (`Turns`) waited too long for its turn: another one is still deciding (HTTP 503, retry). */
export class TurnNotTaken extends Error {
  constructor(
    readonly turn: string,
    readonly waitedSeconds: number,
  ) {
    super(`Another ${turn} command has held its turn for over ${waitedSeconds} s; retry the request`);
  }
}
