import { Args, Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { Tally } from '../../domain/tally.js';
import { TimelineQueries, type TimelineEntry } from '../../read-models/incident-records/timeline.queries.js';
import type { IncidentView } from '../../read-models/incident-summary/incident.view.js';
import type { Page } from '../../read-models/page.js';
import { AsOfTallyLoader } from './as-of-tally.loader.js';
import { IncidentType, TimelinePageType } from './incident.types.js';
import { PageArgs } from './query.args.js';
import { TallyType } from './tally.types.js';

/** `Incident.tally` and `Incident.timeline`, resolved only when asked for. */
@Resolver(() => IncidentType)
export class IncidentFieldsResolver {
  constructor(
    private readonly timelines: TimelineQueries,
    private readonly asOfTallies: AsOfTallyLoader,
  ) {}

  /** The current tally comes with the incident's row (no further statement); `asOf` folds the history instead. */
  @ResolveField(() => TallyType)
  tally(
    @Parent() incident: IncidentView,
    @Context() operation: object,
    @Args('asOf', { type: () => String, nullable: true, description: 'ISO-8601 time or decimal position: the tally as known then' }) asOf?: string | null,
  ): Tally | Promise<Tally> {
    return asOf == null ? incident.tally : this.asOfTallies.load(operation, incident.id, asOf);
  }

  @ResolveField(() => TimelinePageType)
  timeline(@Parent() incident: IncidentView, @Args() { first, after }: PageArgs): Promise<Page<TimelineEntry>> {
    return this.timelines.timeline(incident.id, { first: first ?? undefined, after: after ?? undefined });
  }
}
