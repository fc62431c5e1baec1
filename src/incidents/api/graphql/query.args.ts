import { ArgsType, Field, InputType, IntersectionType } from '@nestjs/graphql';
import { IsArray, IsIn, IsISO31661Alpha2, IsOptional, IsString, MaxLength } from 'class-validator';
import { BEST_POLICIES, type BestPolicy } from '../../domain/best-policy.js';
import { ACTOR_TYPES, type ActorType } from '../../../actors/domain/actor-events.js';
import { ActorTypeEnum } from '../../../actors/api/graphql/actor-enums.graphql.js';
import { INCIDENT_STATUSES, type IncidentStatus } from '../../domain/events.js';
import { GROUP_BY, type GroupBy } from '../../read-models/incident-summary/tally-groups.queries.js';
import type { IncidentFilter } from '../../read-models/incident-summary/incident-filter.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../../read-models/page.js';
import { BestPolicyEnum, IncidentStatusEnum, TallyDimension } from './enums.graphql.js';
import { PageSize } from '../inputs/input-fields.js';
import { EnumField, IdField, NestedField, PositionField, TextField, TimeField, UuidField } from './input.decorators.js';

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

  @Field(() => String, { nullable: true, description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  after?: string | null;
}

@InputType('IncidentFilter', {
  description: "SPEC §5 list filters; occurredFrom/occurredTo are inclusive bounds on the incident's world time: a bare date covers its whole local day (SPEC §6.1), a date-time is an instant",
})
export class IncidentFilterInputType implements IncidentFilter {
  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-2' })
  @IsOptional()
  @IsISO31661Alpha2()
  country?: string;

  @TextField(200, false) admin1?: string;
  @EnumField(IncidentStatusEnum, INCIDENT_STATUSES, false) status?: IncidentStatus;
  @TimeField(false) occurredFrom?: string;
  @TimeField(false) occurredTo?: string;
  @UuidField('Incidents that involve this actor (or one merged into the same one): attached in any role, or the perpetrator of one of their figures') actorId?: string;
  @EnumField(ActorTypeEnum, ACTOR_TYPES, false) actorType?: ActorType;
}

@ArgsType()
export class IncidentsArgs extends IntersectionType(PageArgs, ReadArgs, ArgsType) {
  @NestedField(() => IncidentFilterInputType, false) filter?: IncidentFilterInputType | null;
}

@ArgsType()
export class TalliesArgs extends ReadArgs {
  @NestedField(() => IncidentFilterInputType, false) filter?: IncidentFilterInputType | null;

  @Field(() => [TallyDimension], { nullable: true, description: 'No dimensions: one group with every matching incident' })
  @IsOptional()
  @IsArray()
  @IsIn(GROUP_BY, { each: true })
  groupBy?: GroupBy[] | null;

  @Field(() => String, { nullable: true, description: 'ISO-8601 time or decimal position: tallies as known then, folded from the event history' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  asOf?: string | null;

  @EnumField(BestPolicyEnum, BEST_POLICIES, false) bestPolicy?: BestPolicy | null;
}

@ArgsType()
export class HistoryArgs extends PageArgs {
  @IdField()
  id!: string;
}

@ArgsType()
export class TallyUpdatedArgs {
  @IdField()
  incidentId!: string;
}
