import { graphql } from './api/client';
import { MAX_STEPS_PER_REQUEST, talliesAsOfQuery } from './api/documents';
import type { Features } from './api/features';
import type { BestPolicy, Tally } from './api/types';

/**
 * Requests of as-of tallies in flight at once. Each `tally(asOf:)` is one indexed read on the server
 * whatever the history's length (the API prices it flatly), but a history of 20,000 steps is still
 * 1,250 requests: they take their turn, so the server and the browser's connections stay free.
 */
export const REQUESTS_IN_FLIGHT = 4;

/**
 * The as-of tallies of one incident's slider, in chunks of `MAX_STEPS_PER_REQUEST` consecutive
 * steps (one request each), all read once made and kept: newest first, `REQUESTS_IN_FLIGHT` at a
 * time. A step asked for before its chunk is read sends that chunk next, ahead of the others.
 */
export class AsOfTallies {
  private readonly read = new Map<number, Promise<Tally[]>>();
  /** Chunks not asked for yet, the next to send first. */
  private readonly queue: number[];
  private readonly waiting = new Map<number, { resolve: (tallies: Tally[]) => void; reject: (error: unknown) => void }>();
  private inFlight = 0;
  /**
   * Settles when the newest chunks, those of the first requests sent, are read (successfully or
   * not): the whole history when it has at most `REQUESTS_IN_FLIGHT × MAX_STEPS_PER_REQUEST` steps.
   */
  readonly loaded: Promise<void>;

  constructor(
    private readonly id: string,
    private readonly features: Features,
    private readonly policy: BestPolicy,
    private readonly asOfs: readonly string[],
  ) {
    const chunks = Math.ceil(asOfs.length / MAX_STEPS_PER_REQUEST);
    this.queue = Array.from({ length: chunks }, (_, n) => chunks - 1 - n);
    const first = this.queue.slice(0, REQUESTS_IN_FLIGHT).map((chunk) => this.chunk(chunk));
    this.loaded = Promise.allSettled(first).then(() => undefined);
    this.send();
  }

  /** The tally as of step `step` (0-based; `undefined` before the first); a step whose read failed is read again. */
  async at(step: number): Promise<Tally | undefined> {
    if (step < 0) return undefined;
    const chunk = Math.floor(step / MAX_STEPS_PER_REQUEST);
    if (!this.read.has(chunk) || this.waiting.has(chunk)) this.queue.unshift(chunk);
    const tallies = this.chunk(chunk);
    this.send();
    return (await tallies)[step % MAX_STEPS_PER_REQUEST];
  }

  /** The chunk's tallies: read already, or to be read when its turn comes. */
  private chunk(chunk: number): Promise<Tally[]> {
    let tallies = this.read.get(chunk);
    if (tallies === undefined) {
      tallies = new Promise<Tally[]>((resolve, reject) => this.waiting.set(chunk, { resolve, reject }));
      // A failed read is tried again at the next step that needs it.
      tallies.catch(() => this.read.delete(chunk));
      this.read.set(chunk, tallies);
    }
    return tallies;
  }

  /** Sends the next chunks while fewer than `REQUESTS_IN_FLIGHT` requests are out. */
  private send(): void {
    while (this.inFlight < REQUESTS_IN_FLIGHT && this.queue.length > 0) {
      const chunk = this.queue.shift()!;
      if (this.read.has(chunk) && !this.waiting.has(chunk)) continue; // sent already (asked for again meanwhile)
      void this.chunk(chunk);
      const waiting = this.waiting.get(chunk)!;
      this.waiting.delete(chunk);
      this.inFlight++;
      const asOfs = this.asOfs.slice(chunk * MAX_STEPS_PER_REQUEST, (chunk + 1) * MAX_STEPS_PER_REQUEST);
      const variables = Object.fromEntries([['id', this.id], ...asOfs.map((asOf, n) => [`a${n}`, asOf])]);
      graphql<{ incident: Record<string, Tally> }>(talliesAsOfQuery(this.features, this.policy, asOfs.length), variables)
        .then(({ incident }) => asOfs.map((_, n) => incident[`s${n}`]!))
        .then(waiting.resolve, waiting.reject)
        .finally(() => {
          this.inFlight--;
          this.send();
        });
    }
  }
}
