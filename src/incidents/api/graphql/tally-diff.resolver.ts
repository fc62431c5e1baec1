import { Args, ArgsType, Context, Field, Parent, PickType, Query, ResolveField, Resolver } from '@nestjs/graphql';
import DataLoader from 'dataloader';
import { IsString, MaxLength } from 'class-validator';
import { Roles } from '../../../auth/auth.decorators.js';
import { READ } from '../../../auth/roles.js';
import { type AskedDiff, type IncidentTallyDiff, type TalliesDiff, TallyDiffService } from '../../audit/tally-diff.service.js';
import type { IncidentView } from '../../read-models/incident-summary/incident.view.js';
import { withoutNulls } from '../../../common/absent-nulls.js';
import { IncidentType } from './incident.types.js';
import { perOperation } from './per-operation.js';
import { TalliesArgs } from './query.args.js';
import { TalliesDiffType, TallyDiffType } from './tally-diff.types.js';

const CUT = 'ISO-8601 time or decimal position, as asOf';

@ArgsType()
export class TallyDiffArgs {
  @Field(() => String, { description: `${CUT}: the tally before` })
  @IsString()
  @MaxLength(40)
  from!: string;

  @Field(() => String, { description: `${CUT}: the tally after` })
  @IsString()
  @MaxLength(40)
  to!: string;
}

@ArgsType()
export class TalliesDiffArgs extends PickType(TalliesArgs, ['filter', 'groupBy'] as const, ArgsType) {
  @Field(() => String, { description: `${CUT}: the tallies before` })
  @IsString()
  @MaxLength(40)
  from!: string;

  @Field(() => String, { description: `${CUT}: the tallies after` })
  @IsString()
  @MaxLength(40)
  to!: string;
}

/**
 * `Incident.tallyDiff(from, to)`: what changed in its tally between the cuts, and the records behind
 * it. An operation's fields (aliases, a list's incidents) are read in one batch
 * (`TallyDiffService.incidents`); a cut that does not parse fails its own field only.
 */
@Resolver(() => IncidentType)
export class IncidentTallyDiffResolver {
  private readonly loader = perOperation(
    () => new DataLoader<AskedDiff, IncidentTallyDiff, string>((asked) => this.diffs.incidents(asked), { cacheKeyFn: ({ incidentId, from, to }) => `${from}\n${to}\n${incidentId}` }),
  );

  constructor(private readonly diffs: TallyDiffService) {}

  @ResolveField(() => TallyDiffType)
  tallyDiff(@Parent() incident: IncidentView, @Context() operation: object, @Args() { from, to }: TallyDiffArgs): Promise<IncidentTallyDiff> {
    return this.loader(operation).load({ incidentId: incident.id, from, to });
  }
}

/** `talliesDiff(filter, groupBy, from, to)`: `tallies` at both cuts, compared group by group. */
@Roles(...READ)
@Resolver()
export class TalliesDiffResolver {
  constructor(private readonly diffs: TallyDiffService) {}

  @Query(() => TalliesDiffType, { description: 'Tallies at two cuts (as tallies groups them), the groups that changed, and the records behind each change' })
  talliesDiff(@Args() { filter, groupBy, from, to }: TalliesDiffArgs): Promise<TalliesDiff> {
    return this.diffs.groups(withoutNulls(filter) ?? {}, groupBy ?? [], from, to);
  }
}
