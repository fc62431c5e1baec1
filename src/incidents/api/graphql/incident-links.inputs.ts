import { ArgsType, Field, InputType, Int } from '@nestjs/graphql';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { LINK_RELATIONS, type LinkRelation } from '../../domain/events.js';
import { MAX_PAGE_SIZE } from '../../read-models/page.js';
import { IncidentCommandArgs, withInput } from './command.args.js';
import { LinkRelationEnum } from './enums.graphql.js';
import { EnumField, IdField } from './input.decorators.js';

@InputType('LinkIncidentsInput')
export class LinkIncidentsInputType {
  @IdField() otherIncidentId!: string;
  @EnumField(LinkRelationEnum, LINK_RELATIONS) relation!: LinkRelation;
}

@InputType('MergeIncidentInput')
export class MergeIncidentInputType {
  @IdField() into!: string;
}

@ArgsType() export class LinkIncidentsArgs extends withInput(IncidentCommandArgs, LinkIncidentsInputType) {}
@ArgsType() export class MergeIncidentArgs extends withInput(IncidentCommandArgs, MergeIncidentInputType) {}

@ArgsType()
export class DuplicateCandidatesArgs {
  @Field(() => Int, { nullable: true, description: 'How many candidates, best first (default 10)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  first?: number | null;
}
