/**
 * Where the application reads the time: injected (a Nest provider under this class), so a test can
 * fix it and nothing below the application layer reads the system clock. The domain gets `now` on
 * the command.
 */
export abstract class Clock {
  abstract now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
