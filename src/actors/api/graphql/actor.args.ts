import { ArgsType, IntersectionType } from '@nestjs/graphql';
import { CommandOptionsArgs, IncidentCommandArgs, withInput } from '../../../incidents/api/graphql/command.args.js';
import { EnumField, IdField, PositionField } from '../../../incidents/api/graphql/input.decorators.js';
import { PageArgs, ReadArgs } from '../../../incidents/api/graphql/query.args.js';
import { ACTOR_TYPES, type ActorType } from '../../domain/actor-events.js';
import { ActorAliasDto, AttachActorDto, MergeActorDto, RegisterActorDto } from '../inputs/actor.inputs.js';
import { ActorTypeEnum } from './actor-enums.graphql.js';

@ArgsType()
export class ActorCommandArgs extends CommandOptionsArgs {
  @IdField() actorId!: string;
}

@ArgsType() export class RegisterActorArgs extends withInput(CommandOptionsArgs, RegisterActorDto) {}
@ArgsType() export class AddActorAliasArgs extends IntersectionType(ActorCommandArgs, ActorAliasDto, ArgsType) {}
@ArgsType() export class MergeActorArgs extends IntersectionType(ActorCommandArgs, MergeActorDto, ArgsType) {}
@ArgsType() export class AttachActorArgs extends IntersectionType(IncidentCommandArgs, AttachActorDto, ArgsType) {}

@ArgsType()
export class DetachActorArgs extends IncidentCommandArgs {
  @IdField() actorId!: string;
}

@ArgsType()
export class ActorArgs extends ReadArgs {
  @IdField() id!: string;
}

@ArgsType()
export class ActorsArgs extends PageArgs {
  @EnumField(ActorTypeEnum, ACTOR_TYPES, false) actorType?: ActorType | null;
  @PositionField('A position returned by a mutation: waits (bounded, then status 503) until the read models include it')
  consistentWith?: string | null;
}
