import { ArgsType, Field, IntersectionType } from '@nestjs/graphql';
import { IsArray, IsIn, IsOptional } from 'class-validator';
import type { BestPolicy } from '../../domain/best-policy.js';
import { GROUP_BY, type GroupBy } from '../../domain/tally-groups.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../../../common/page.js';
import { IncidentFilterInput } from '../inputs/incident-filter.inputs.js';
import { BestPolicyArgument, Cursor, PageSize, TimeArgument } from '../inputs/input-fields.js';
import { TallyDimension } from './enums.graphql.js';
import { IdField, NestedField, PositionField } from './input.decorators.js';

/** Query arguments, validated by the global ValidationPipe with the same rules as REST's query DTOs. */

@ArgsType()
export class ReadArgs {
  @PositionField('A position returned by a mutation: waits (bounded, then status 503) until the read models include it')
  consistentWith?: string | null;
}

@ArgsType()
export class IncidentArgs extends ReadArgs {
  @IdField()
  id!: string;
}

@ArgsType()
export class PageArgs {
  @PageSize(`Page size, default ${DEFAULT_PAGE_SIZE}, at most ${MAX_PAGE_SIZE}`, DEFAULT_PAGE_SIZE)
  first?: number | null;

  @Cursor() after?: string | null;
}

@ArgsType()
export class IncidentsArgs extends IntersectionType(PageArgs, ReadArgs, ArgsType) {
  @NestedField(() => IncidentFilterInput, false) filter?: IncidentFilterInput | null;
}

@ArgsType()
export class TalliesArgs extends ReadArgs {
  @NestedField(() => IncidentFilterInput, false) filter?: IncidentFilterInput | null;

  @Field(() => [TallyDimension], { nullable: true, description: 'No dimensions: one group with every matching incident' })
  @IsOptional()
  @IsArray()
  @IsIn(GROUP_BY, { each: true })
  groupBy?: GroupBy[] | null;

  @TimeArgument({ description: 'ISO-8601 time or decimal position: tallies as known then (the temporal read model)' })
  asOf?: string | null;

  @BestPolicyArgument() bestPolicy?: BestPolicy | null;
}

@ArgsType()
export class HistoryArgs extends IntersectionType(PageArgs, ReadArgs, ArgsType) {
  @IdField()
  id!: string;
}

@ArgsType()
export class TallyUpdatedArgs {
  @IdField()
  incidentId!: string;
}
