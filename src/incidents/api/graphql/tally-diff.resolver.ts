import { Args, ArgsType, Context, Extensions, IntersectionType, Parent, PickType, Query, ResolveField, Resolver } from '@nestjs/graphql';
import DataLoader from 'dataloader';
import { Roles } from '../../../auth/auth.decorators.js';
import { READ } from '../../../auth/roles.js';
import { type AskedDiff, type IncidentTallyDiff, MAX_CAUSES, type TalliesDiff, TallyDiffService } from '../../audit/tally-diff.service.js';
import type { IncidentView } from '../../read-models/incident-summary/incident.view.js';
import { withoutNulls } from '../../../common/absent-nulls.js';
import { TallyDiffQuery } from '../inputs/tally-diff.inputs.js';
import { IncidentType } from './incident.types.js';
import { perOperation } from './per-operation.js';
import { TalliesArgs } from './query.args.js';
import { ITS_OWN_ERROR } from './tally.types.js';
import type { ListExtensions } from './query-limits.js';
import { CausesArgs, CHANGE_TYPES, RecordChangeType, TalliesDiffType, TallyDiffType } from './tally-diff.types.js';

@ArgsType()
export class TalliesDiffArgs extends IntersectionType(PickType(TalliesArgs, ['filter', 'groupBy'] as const, ArgsType), TallyDiffQuery, ArgsType) {}

/**
 * `Incident.tallyDiff(from, to, bestPolicy)`: what changed in its tally between the cuts, and the records behind
 * it. An operation's fields (aliases, a list's incidents) are read in one batch
 * (`TallyDiffService.incidents`); a cut that does not parse fails its own field only.
 */
@Resolver(() => IncidentType)
export class IncidentTallyDiffResolver {
  private readonly loader = perOperation(
    () => new DataLoader<AskedDiff, IncidentTallyDiff, string>((asked) => this.diffs.incidents(asked), { cacheKeyFn: ({ incidentId, from, to, bestPolicy }) => `${from}\n${to}\n${bestPolicy ?? ''}\n${incidentId}` }),
  );

  constructor(private readonly diffs: TallyDiffService) {}

  @ResolveField(() => TallyDiffType, { nullable: true, description: `What changed between the cuts; ${ITS_OWN_ERROR}` })
  tallyDiff(@Parent() incident: IncidentView, @Context() operation: object, @Args() { from, to, bestPolicy }: TallyDiffQuery): Promise<IncidentTallyDiff> {
    return this.loader(operation).load({ incidentId: incident.id, from, to, bestPolicy: bestPolicy ?? undefined });
  }
}

/**
 * `records(first:)` on a type of change: the latest `first` (by default, and at most, all the diff
 * lists: `MAX_CAUSES`), priced for as many (`ListExtensions`).
 */
function causesResolver(type: (typeof CHANGE_TYPES)[number]) {
  @Resolver(() => type)
  class CausesResolver {
    @ResolveField(() => [RecordChangeType], { description: `The latest \`first\` (default ${MAX_CAUSES}) record changes behind it, in position order` })
    @Extensions({ maxItems: MAX_CAUSES } satisfies ListExtensions)
    records(@Parent() change: InstanceType<typeof type>, @Args() { first }: CausesArgs): RecordChangeType[] {
      return change.records.slice(-(first ?? MAX_CAUSES));
    }
  }
  return CausesResolver;
}

export const CAUSES_RESOLVERS = CHANGE_TYPES.map(causesResolver);

/** `talliesDiff(filter, groupBy, from, to, bestPolicy)`: `tallies` at both cuts, compared group by group. */
@Roles(...READ)
@Resolver()
export class TalliesDiffResolver {
  constructor(private readonly diffs: TallyDiffService) {}

  @Query(() => TalliesDiffType, { description: 'Tallies at two cuts (as tallies groups them), the groups that changed, and the records behind each change' })
  talliesDiff(@Args() { filter, groupBy, from, to, bestPolicy }: TalliesDiffArgs): Promise<TalliesDiff> {
    return this.diffs.groups(withoutNulls(filter) ?? {}, groupBy ?? [], { from, to, bestPolicy: bestPolicy ?? undefined });
  }
}
