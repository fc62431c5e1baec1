import { Injectable } from '@nestjs/common';
import { AsOfTallyService } from './as-of-tally.service.js';
import type { BestPolicy } from '../domain/best-policy.js';
import type { IncidentFilter } from '../domain/incident-filter.js';
import type { GroupBy, TallyGroup } from '../domain/tally-groups.js';
import { TallyGroupQueries } from '../read-models/incident-summary/tally-groups.queries.js';
import { ReadConsistency } from '../read-models/read-consistency.js';

/** docs/api.md `tallies(filter, groupBy, asOf, bestPolicy)` as both transports answer it (GraphQL `tallies`, REST `GET /tallies`). */
@Injectable()
export class TallyGroupsService {
  constructor(
    private readonly groups: TallyGroupQueries,
    private readonly asOfTallies: AsOfTallyService,
    private readonly consistency: ReadConsistency,
  ) {}

  /** With `asOf`, as known then (the temporal read model, once it holds the cut); else summed from the read model once it includes `consistentWith`. */
  async tallies(
    filter: IncidentFilter,
    groupBy: readonly GroupBy[],
    time: { readonly asOf?: string; readonly consistentWith?: string; readonly bestPolicy?: BestPolicy },
  ): Promise<TallyGroup[]> {
    if (time.asOf !== undefined) {
      // As of a moment, the read waits for the projection itself (up to the cut or the store's head).
      await this.consistency.check(time.consistentWith);
      return this.asOfTallies.tallyGroups(filter, groupBy, time.asOf, time.bestPolicy);
    }
    await this.consistency.waitFor(time.consistentWith);
    return this.groups.tallies(filter, groupBy, time.bestPolicy);
  }
}
