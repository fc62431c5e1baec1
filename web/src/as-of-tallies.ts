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
 * The as-of tallies of one incident's slider, read in chunks of consecutive steps (one request per
 * chunk, as many steps as the API's limits allow for a history of that length) and kept: stepping
 * reads a chunk once, and `around(step)` reads the neighbouring chunks ahead of the next key press.
 */
export class AsOfTallies {
  private readonly read = new Map<string, Promise<Tally>>();
  private readonly perRequest: number;

  constructor(
    private readonly id: string,
    private readonly features: Features,
    private readonly policy: BestPolicy,
    private readonly asOfs: readonly string[],
  ) {
    this.perRequest = Math.max(1, Math.min(MAX_STEPS_PER_REQUEST, Math.floor(FOLD_BUDGET / (asOfs.length + 1))));
  }

  /** The tally as of step `step` (0-based; `undefined` before the first). */
  at(step: number): Promise<Tally | undefined> {
    if (step < 0) return Promise.resolve(undefined);
    const asOf = this.asOfs[step]!;
    if (!this.read.has(asOf)) this.readChunk(Math.floor(step / this.perRequest));
    return this.read.get(asOf)!;
  }

  /** Starts reading the chunks just before and after `step`, unless read already. */
  around(step: number): void {
    for (const next of [step - 2, step + 1]) if (next >= 0 && next < this.asOfs.length) void this.at(next).catch(() => undefined);
  }

  private readChunk(chunk: number): void {
    const asOfs = this.asOfs.slice(chunk * this.perRequest, (chunk + 1) * this.perRequest);
    const variables = Object.fromEntries([['id', this.id], ...asOfs.map((asOf, n) => [`a${n}`, asOf])]);
    const answer = graphql<{ incident: Record<string, Tally> }>(talliesAsOfQuery(this.features, this.policy, asOfs.length), variables);
    asOfs.forEach((asOf, n) => {
      const tally = answer.then(({ incident }) => incident[`s${n}`]!);
      // A failed read is tried again at the next step that needs it.
      tally.catch(() => this.read.delete(asOf));
      this.read.set(asOf, tally);
    });
  }
}
