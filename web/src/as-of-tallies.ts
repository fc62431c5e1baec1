import { graphql } from './api/client';
import { MAX_STEPS_PER_REQUEST, talliesAsOfQuery } from './api/documents';
import type { Features } from './api/features';
import type { BestPolicy, Tally } from './api/types';

/**
 * Part of the API's cost budget one request of as-of tallies may use: each `tally(asOf:)` costs the
 * events it folds (`query-limits.ts` on the server), at most the incident's whole history.
 */
const FOLD_BUDGET = 20_000;

/**
 * The as-of tallies of one incident's slider, all read when it is made (in chunks of consecutive
 * steps, one request per chunk, as many steps as the API's limits allow for a history of that
 * length, the chunks sent at once) and kept, so that no step waits for the network.
 */
export class AsOfTallies {
  private readonly read = new Map<string, Promise<Tally>>();
  private readonly perRequest: number;
  /** Settles when every chunk has been read once, successfully or not. */
  readonly loaded: Promise<void>;

  constructor(
    private readonly id: string,
    private readonly features: Features,
    private readonly policy: BestPolicy,
    private readonly asOfs: readonly string[],
  ) {
    this.perRequest = Math.max(1, Math.min(MAX_STEPS_PER_REQUEST, Math.floor(FOLD_BUDGET / (asOfs.length + 1))));
    const chunks = Array.from({ length: Math.ceil(asOfs.length / this.perRequest) }, (_, chunk) => this.readChunk(chunk));
    this.loaded = Promise.allSettled(chunks).then(() => undefined);
  }

  /** The tally as of step `step` (0-based; `undefined` before the first); a step whose read failed is read again. */
  at(step: number): Promise<Tally | undefined> {
    if (step < 0) return Promise.resolve(undefined);
    const asOf = this.asOfs[step]!;
    if (!this.read.has(asOf)) void this.readChunk(Math.floor(step / this.perRequest)).catch(() => undefined);
    return this.read.get(asOf)!;
  }

  private readChunk(chunk: number): Promise<unknown> {
    const asOfs = this.asOfs.slice(chunk * this.perRequest, (chunk + 1) * this.perRequest);
    const variables = Object.fromEntries([['id', this.id], ...asOfs.map((asOf, n) => [`a${n}`, asOf])]);
    const answer = graphql<{ incident: Record<string, Tally> }>(talliesAsOfQuery(this.features, this.policy, asOfs.length), variables);
    asOfs.forEach((asOf, n) => {
      const tally = answer.then(({ incident }) => incident[`s${n}`]!);
      // A failed read is tried again at the next step that needs it.
      tally.catch(() => this.read.delete(asOf));
      this.read.set(asOf, tally);
    });
    return answer;
  }
}
