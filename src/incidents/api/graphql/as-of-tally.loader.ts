import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { perOperation } from './per-operation.js';
import { parseAsOf } from '../../audit/as-of.js';
import { type AskedIncident, AsOfTallyService, notFoundAsOf } from '../../audit/as-of-tally.service.js';
import type { BestPolicy } from '../../domain/best-policy.js';
import type { Tally } from '../../domain/tally.js';

/** No `asOf`: now (the whole history). */
type Key = { readonly incidentId: string; readonly asOf: string | undefined; readonly bestPolicy: BestPolicy };

/**
 * `Incident.tally(asOf:)` across an operation: every incident, moment and policy asked for (a list's
 * incidents, or aliases of one incident at many cuts) is read in one `AsOfTallyService.incidentsAt`
 * call (one statement for all the past cuts) instead of one call per field. An `asOf` that does not
 * parse fails its own field only. One loader per operation (`perOperation`).
 */
@Injectable()
export class AsOfTallyLoader {
  private readonly loader = perOperation(
    () => new DataLoader<Key, Tally, string>((keys) => this.batch(keys), { cacheKeyFn: ({ incidentId, asOf, bestPolicy }) => `${asOf ?? ''}\n${bestPolicy}\n${incidentId}` }),
  );

  constructor(private readonly asOf: AsOfTallyService) {}

  load(operation: object, incidentId: string, asOf: string | undefined, bestPolicy: BestPolicy): Promise<Tally> {
    return this.loader(operation).load({ incidentId, asOf, bestPolicy });
  }

  private async batch(keys: readonly Key[]): Promise<(Tally | Error)[]> {
    const asked = keys.map(({ incidentId, asOf, bestPolicy }): AskedIncident | Error => {
      try {
        return { incidentId, asOf: asOf === undefined ? undefined : parseAsOf(asOf), bestPolicy };
      } catch (error) {
        return error as Error;
      }
    });
    const known = await this.asOf.incidentsAt(asked.filter((ask): ask is AskedIncident => !(ask instanceof Error)));
    let next = 0;
    return keys.map(({ incidentId, asOf }, n) => {
      if (asked[n] instanceof Error) return asked[n];
      return known[next++]?.tally ?? notFoundAsOf(incidentId, asOf);
    });
  }
}
