import { Args, Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import DataLoader from 'dataloader';
import { perOperation } from './per-operation.js';
import { DEFAULT_BEST_POLICY } from '../../domain/best-policy.js';
import type { Tally } from '../../domain/tally.js';
import { TimelineQueries, type TimelineEntry } from '../../read-models/incident-records/timeline.queries.js';
import type { IncidentView } from '../../read-models/incident-summary/incident.view.js';
import type { Page, PageRequest } from '../../../common/page.js';
import { AsOfTallyLoader } from './as-of-tally.loader.js';
import { AsOfTallyService } from '../../audit/as-of-tally.service.js';
import { withoutNulls } from '../../../common/absent-nulls.js';
import { TallyTimeArgs } from '../inputs/tally-time.inputs.js';
import { tallyFromHistory } from './history-only.js';
import { IncidentType, TimelinePageType } from './incident.types.js';
import { PageArgs } from './query.args.js';
import { ITS_OWN_ERROR, TallyType } from './tally.types.js';

/** `Incident.tally` and `Incident.timeline`, resolved only when asked for. */
@Resolver(() => IncidentType)
export class IncidentFieldsResolver {
  /** Per operation (its context object, so nothing is cached across requests), one loader per page asked for. */
  private readonly timelineLoaders = perOperation(() => new Map<string, DataLoader<string, Page<TimelineEntry>>>());
  /** Per operation, each incident's history read once for all its windowed tallies (aliases of one incident over many windows). */
  private readonly histories = perOperation(() => this.asOf.historiesOnce());

  constructor(
    private readonly timelines: TimelineQueries,
    private readonly asOfTallies: AsOfTallyLoader,
    private readonly asOf: AsOfTallyService,
  ) {}

  /**
   * The current tally under the default policy comes with the incident's row (no further statement);
   * `asOf` or another policy reads as of then, batched per operation (`AsOfTallyLoader`); a world-time
   * window folds the incident's history, as REST's `/tally?occurredFrom=&occurredTo=` (`AsOfTallyService.incident`), read once per operation.
   */
  @ResolveField(() => TallyType, { nullable: true, description: `The tally as asked; ${ITS_OWN_ERROR}` })
  async tally(@Parent() incident: IncidentView, @Context() operation: object, @Args() asked: TallyTimeArgs): Promise<Tally> {
    const query = withoutNulls(asked);
    if (query.occurredFrom !== undefined || query.occurredTo !== undefined) return (await this.asOf.incident(incident.id, query, this.histories(operation))).tally;
    return tallyFromHistory(query) ? this.asOfTallies.load(operation, incident.id, query.asOf, query.bestPolicy ?? DEFAULT_BEST_POLICY) : incident.tally;
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
