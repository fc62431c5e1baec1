import { Args, Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import DataLoader from 'dataloader';
import { perOperation } from './per-operation.js';
import { DEFAULT_BEST_POLICY, type BestPolicy } from '../../domain/best-policy.js';
import type { Tally } from '../../domain/tally.js';
import { BestPolicyEnum } from './enums.graphql.js';
import { TimelineQueries, type TimelineEntry } from '../../read-models/incident-records/timeline.queries.js';
import type { IncidentView } from '../../read-models/incident-summary/incident.view.js';
import type { Page, PageRequest } from '../../../common/page.js';
import { AsOfTallyLoader } from './as-of-tally.loader.js';
import { AsOfTallyService } from '../../audit/as-of-tally.service.js';
import { tallyFromHistory } from './history-only.js';
import { IncidentType, TimelinePageType } from './incident.types.js';
import { PageArgs } from './query.args.js';
import { ITS_OWN_ERROR, TallyType } from './tally.types.js';

/** `Incident.tally` and `Incident.timeline`, resolved only when asked for. */
@Resolver(() => IncidentType)
export class IncidentFieldsResolver {
  /** Per operation (its context object, so nothing is cached across requests), one loader per page asked for. */
  /** Per operation, a loader per page asked for. */
  private readonly timelineLoaders = perOperation(() => new Map<string, DataLoader<string, Page<TimelineEntry>>>());

  constructor(
    private readonly timelines: TimelineQueries,
    private readonly asOfTallies: AsOfTallyLoader,
    private readonly asOf: AsOfTallyService,
  ) {}

  /**
   * The current tally under the default policy comes with the incident's row (no further statement);
   * `asOf` or another policy reads as of then, batched per operation (`AsOfTallyLoader`); a world-time
   * window folds the incident's history, as REST's `/tally?occurredFrom=&occurredTo=` (`AsOfTallyService.incident`).
   */
  @ResolveField(() => TallyType, { nullable: true, description: `The tally as asked; ${ITS_OWN_ERROR}` })
  async tally(
    @Parent() incident: IncidentView,
    @Context() operation: object,
    @Args('asOf', { type: () => String, nullable: true, description: 'ISO-8601 time or decimal position: the tally as known then' }) asOf?: string | null,
    @Args('bestPolicy', { type: () => BestPolicyEnum, nullable: true, description: 'Which source figure is best (default LATEST)' }) bestPolicy?: BestPolicy | null,
    @Args('occurredFrom', { type: () => String, nullable: true, description: 'Count only records that occurred from then (world time; a bare date: from the start of that local day)' }) occurredFrom?: string | null,
    @Args('occurredTo', { type: () => String, nullable: true, description: 'Count only records that occurred until then (world time; a bare date: to the end of that local day)' }) occurredTo?: string | null,
  ): Promise<Tally> {
    if (occurredFrom != null || occurredTo != null) {
      const time = { asOf: asOf ?? undefined, bestPolicy: bestPolicy ?? undefined, occurredFrom: occurredFrom ?? undefined, occurredTo: occurredTo ?? undefined };
      return (await this.asOf.incident(incident.id, time)).tally;
    }
    return tallyFromHistory({ asOf, bestPolicy }) ? this.asOfTallies.load(operation, incident.id, asOf ?? undefined, bestPolicy ?? DEFAULT_BEST_POLICY) : incident.tally;
  }

  /** Over a list, the incidents asking for the same page (`first`, `after`) share one `TimelineQueries.timelines` statement. */
  @ResolveField(() => TimelinePageType)
  timeline(@Parent() incident: IncidentView, @Context() operation: object, @Args() { first, after }: PageArgs): Promise<Page<TimelineEntry>> {
    return this.timelineLoader(operation, { first: first ?? undefined, after: after ?? undefined }).load(incident.id);
  }

  private timelineLoader(operation: object, page: PageRequest): DataLoader<string, Page<TimelineEntry>> {
    const loaders = this.timelineLoaders(operation);
    const key = JSON.stringify([page.first, page.after]);
    let loader = loaders.get(key);
    if (!loader) {
      loader = new DataLoader(async (incidentIds) => {
        const pages = await this.timelines.timelines(incidentIds, page);
        // An incident the batch did not find (the read model being rebuilt, say) is reported by the single read.
        return Promise.all(incidentIds.map((id) => pages.get(id) ?? this.timelines.timeline(id, page).catch((error: Error) => error)));
      });
      loaders.set(key, loader);
    }
    return loader;
  }
}
