import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { AsOfTallyService } from '../../audit/as-of-tally.service.js';
import { DomainError } from '../../domain/domain-error.js';
import type { BestPolicy } from '../../domain/best-policy.js';
import type { Tally } from '../../domain/tally.js';

/** `asOf` '' is now (the whole history). */
type Key = { readonly incidentId: string; readonly asOf: string; readonly bestPolicy: BestPolicy };

/**
 * `Incident.tally(asOf:)` over a list: the incidents asking for the same `asOf` in one operation are
 * read in one `AsOfTallyService.incidents` call instead of one call per incident. Loaders live as
 * long as the operation's context object, so nothing is cached across requests.
 */
@Injectable()
export class AsOfTallyLoader {
  private readonly loaders = new WeakMap<object, DataLoader<Key, Tally, string>>();

  constructor(private readonly asOf: AsOfTallyService) {}

  load(operation: object, incidentId: string, asOf: string, bestPolicy: BestPolicy): Promise<Tally> {
    let loader = this.loaders.get(operation);
    if (!loader) {
      loader = new DataLoader((keys) => this.batch(keys), { cacheKeyFn: (key) => `${queryOf(key)}\n${key.incidentId}` });
      this.loaders.set(operation, loader);
    }
    return loader.load({ incidentId, asOf, bestPolicy });
  }

  private async batch(keys: readonly Key[]): Promise<(Tally | Error)[]> {
    const idsByQuery = new Map<string, { key: Key; incidentIds: string[] }>();
    for (const key of keys) {
      const query = idsByQuery.get(queryOf(key)) ?? { key, incidentIds: [] };
      query.incidentIds.push(key.incidentId);
      idsByQuery.set(queryOf(key), query);
    }
    const tallies = new Map<string, Tally>();
    await Promise.all(
      [...idsByQuery].map(async ([query, { key, incidentIds }]) => {
        const known = await this.asOf.incidents({ asOf: key.asOf || undefined, bestPolicy: key.bestPolicy, incidentIds });
        for (const incident of known) tallies.set(`${query}\n${incident.incidentId}`, incident.tally);
      }),
    );
    return keys.map(
      (key) =>
        tallies.get(`${queryOf(key)}\n${key.incidentId}`) ??
        new DomainError('INCIDENT.NOT_FOUND', `Incident ${key.incidentId} ${key.asOf ? `did not exist as of ${key.asOf}` : 'does not exist'}`),
    );
  }
}

/** The incidents asking for the same `asOf` and policy are folded together. */
const queryOf = (key: Key): string => `${key.asOf}\n${key.bestPolicy}`;
