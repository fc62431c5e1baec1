import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { AsOfTallyService } from '../../audit/as-of-tally.service.js';
import { DomainError } from '../../domain/domain-error.js';
import type { Tally } from '../../domain/tally.js';

type Key = { readonly incidentId: string; readonly asOf: string };

/**
 * `Incident.tally(asOf:)` over a list: the incidents asking for the same `asOf` in one operation are
 * read in one `AsOfTallyService.incidents` call instead of one call per incident. Loaders live as
 * long as the operation's context object, so nothing is cached across requests.
 */
@Injectable()
export class AsOfTallyLoader {
  private readonly loaders = new WeakMap<object, DataLoader<Key, Tally, string>>();

  constructor(private readonly asOf: AsOfTallyService) {}

  load(operation: object, incidentId: string, asOf: string): Promise<Tally> {
    let loader = this.loaders.get(operation);
    if (!loader) {
      loader = new DataLoader((keys) => this.batch(keys), { cacheKeyFn: (key) => `${key.asOf}\n${key.incidentId}` });
      this.loaders.set(operation, loader);
    }
    return loader.load({ incidentId, asOf });
  }

  private async batch(keys: readonly Key[]): Promise<(Tally | Error)[]> {
    const idsByAsOf = new Map<string, string[]>();
    for (const { asOf, incidentId } of keys) idsByAsOf.set(asOf, [...(idsByAsOf.get(asOf) ?? []), incidentId]);
    const tallies = new Map<string, Tally>();
    await Promise.all(
      [...idsByAsOf].map(async ([asOf, incidentIds]) => {
        const known = await this.asOf.incidents({ asOf, incidentIds });
        for (const incident of known) tallies.set(`${asOf}\n${incident.incidentId}`, incident.tally);
      }),
    );
    return keys.map(
      (key) => tallies.get(`${key.asOf}\n${key.incidentId}`) ?? new DomainError('INCIDENT.NOT_FOUND', `Incident ${key.incidentId} did not exist as of ${key.asOf}`),
    );
  }
}
