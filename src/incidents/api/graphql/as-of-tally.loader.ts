import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { GraphQLError } from 'graphql';
import { AsOfTallyService } from '../../audit/as-of-tally.service.js';
import { DomainError } from '../../domain/domain-error.js';
import type { Tally } from '../../domain/tally.js';
import type { IncidentView } from '../../read-models/incident-summary/incident.view.js';
import { MAX_FOLDED_EVENTS } from './query-limits.js';

type Key = { readonly incidentId: string; readonly asOf: string; readonly events: number };

const keyOf = (key: Pick<Key, 'asOf' | 'incidentId'>) => `${key.asOf}\n${key.incidentId}`;

/**
 * `Incident.tally(asOf:)` over a list: the incidents asking for the same `asOf` in one operation are
 * folded in one `AsOfTallyService.incidents` call instead of one call per incident. Loaders live as
 * long as the operation's context object, so nothing is cached across requests.
 *
 * A fold reads the incident's whole stream, whose length the read model knows (`revision` + 1), so
 * an operation is charged those events before anything is read and may fold `MAX_FOLDED_EVENTS`
 * in all; a batch that would go over is refused whole (`QUERY.TOO_COMPLEX`).
 */
@Injectable()
export class AsOfTallyLoader {
  private readonly loaders = new WeakMap<object, DataLoader<Key, Tally, string>>();

  constructor(private readonly asOf: AsOfTallyService) {}

  load(operation: object, incident: Pick<IncidentView, 'id' | 'revision'>, asOf: string): Promise<Tally> {
    let loader = this.loaders.get(operation);
    if (!loader) {
      let folded = 0;
      loader = new DataLoader(
        (keys) => {
          const events = keys.reduce((sum, key) => sum + key.events, 0);
          if (folded + events > MAX_FOLDED_EVENTS) return Promise.resolve(keys.map(() => overBudget(folded + events)));
          folded += events;
          return this.batch(keys);
        },
        { cacheKeyFn: keyOf },
      );
      this.loaders.set(operation, loader);
    }
    return loader.load({ incidentId: incident.id, asOf, events: Number(incident.revision) + 1 });
  }

  private async batch(keys: readonly Key[]): Promise<(Tally | Error)[]> {
    const idsByAsOf = new Map<string, string[]>();
    for (const { asOf, incidentId } of keys) idsByAsOf.set(asOf, [...(idsByAsOf.get(asOf) ?? []), incidentId]);
    const tallies = new Map<string, Tally>();
    await Promise.all(
      [...idsByAsOf].map(async ([asOf, incidentIds]) => {
        const known = await this.asOf.incidents({ asOf, incidentIds });
        for (const incident of known) tallies.set(keyOf({ asOf, incidentId: incident.incidentId }), incident.tally);
      }),
    );
    return keys.map(
      (key) => tallies.get(keyOf(key)) ?? new DomainError('INCIDENT.NOT_FOUND', `Incident ${key.incidentId} did not exist as of ${key.asOf}`),
    );
  }
}

const overBudget = (events: number) =>
  new GraphQLError(`tally(asOf:) would fold ${events} events in this operation; the limit is ${MAX_FOLDED_EVENTS}: ask for fewer as-of tallies`, {
    extensions: { code: 'QUERY.TOO_COMPLEX' },
  });
