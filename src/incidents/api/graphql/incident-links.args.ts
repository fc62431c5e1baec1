import { ArgsType, Field, Int } from '@nestjs/graphql';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { MAX_PAGE_SIZE } from '../../read-models/page.js';
import { LinkIncidentDto, MergeIncidentDto } from '../inputs/incident.inputs.js';
import { IncidentCommandArgs, withInput } from './command.args.js';

@ArgsType() export class LinkIncidentsArgs extends withInput(IncidentCommandArgs, LinkIncidentDto) {}
@ArgsType() export class MergeIncidentArgs extends withInput(IncidentCommandArgs, MergeIncidentDto) {}

@ArgsType()
export class DuplicateCandidatesArgs {
  @Field(() => Int, { nullable: true, description: 'How many candidates, best first (default 10)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  first?: number | null;
}
