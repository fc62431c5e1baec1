import { Args, Context, Info, Query, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { Roles } from '../../../auth/auth.decorators.js';
import { AUDIT, READ } from '../../../auth/roles.js';
import { IncidentHistoryService, type HistoryItem } from '../../audit/incident-history.service.js';
import { IncidentQueries } from '../../read-models/incident-summary/incident.queries.js';
import type { IncidentView } from '../../read-models/incident-summary/incident.view.js';
import type { TallyGroup } from '../../domain/tally-groups.js';
import type { Page } from '../../../common/page.js';
import { ReadConsistency } from '../../read-models/read-consistency.js';
import { TallyGroupsService } from '../../audit/tally-groups.service.js';
import { withoutNulls } from '../../../common/absent-nulls.js';
import { HistoryPageType } from './history.types.js';
import { IncidentPageType, IncidentType } from './incident.types.js';
import { HistoryArgs, IncidentArgs, IncidentsArgs, TalliesArgs } from './query.args.js';
import { TallyGroupType } from './tally.types.js';
import { perOperation } from './per-operation.js';
import { asksHistoryOnly } from './history-only.js';

/** docs/api.md queries, on the same query services as REST (reads: analyst/auditor; history: auditor; admin all). */
@Roles(...READ)
@Resolver()
export class IncidentQueriesResolver {
  constructor(
    private readonly queries: IncidentQueries,
    private readonly tallyGroups: TallyGroupsService,
    private readonly history: IncidentHistoryService,
    private readonly consistency: ReadConsistency,
  ) {}

  /**
   * Per operation (`perOperation`), `incident(id:)` fields of one id share one read and resolve
   * together: the fields under them (aliases' `tally(asOf:)`) then reach their loaders in one batch.
   */
  private readonly reads = perOperation(() => new Map<string, Promise<IncidentView>>());

  @Query(() => IncidentType)
  async incident(@Args() { id, consistentWith }: IncidentArgs, @Context() operation: object, @Info() info: GraphQLResolveInfo): Promise<IncidentView> {
    await this.consistency.waitFor(consistentWith ?? undefined);
    // Asking only what its history answers, a quarantined incident is served (its read model's fields are not asked).
    const heldBack = asksHistoryOnly(info);
    const reads = this.reads(operation);
    const key = heldBack ? `${id} history` : id;
    if (!reads.has(key)) reads.set(key, this.queries.incident(id, { heldBack }));
    return reads.get(key)!;
  }

  @Query(() => IncidentPageType, { description: 'Newest occurredAt first' })
  async incidents(@Args() { filter, first, after, consistentWith }: IncidentsArgs): Promise<Page<IncidentView>> {
    await this.consistency.waitFor(consistentWith ?? undefined);
    return this.queries.incidents(withoutNulls(filter) ?? {}, { first: first ?? undefined, after: after ?? undefined });
  }

  @Query(() => [TallyGroupType], {
    description: 'Tallies summed across the filtered incidents, one group per groupBy key; with asOf, as known then',
  })
  async tallies(@Args() { filter, groupBy, asOf, consistentWith, bestPolicy }: TalliesArgs): Promise<TallyGroup[]> {
    const time = { asOf: asOf ?? undefined, consistentWith: consistentWith ?? undefined, bestPolicy: bestPolicy ?? undefined };
    return this.tallyGroups.tallies(withoutNulls(filter) ?? {}, groupBy ?? [], time);
  }

  @Roles(...AUDIT)
  @Query(() => HistoryPageType, { description: "The incident's stored events in stream order, with metadata (auditors)" })
  async incidentHistory(@Args() { id, first, after, consistentWith }: HistoryArgs): Promise<Page<HistoryItem>> {
    // As REST's `/incidents/{id}/events`: no wait, the history is read from the event store itself.
    await this.consistency.check(consistentWith ?? undefined);
    return this.history.page(id, { first: first ?? undefined, after: after ?? undefined });
  }
}
