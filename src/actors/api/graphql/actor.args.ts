import { applyDecorators } from '@nestjs/common';
import { ArgsType, Field, InputType } from '@nestjs/graphql';
import { aliasesRules, aliasRules } from '../../../incidents/api/input-rules.js';
import { CommandOptionsArgs, IncidentCommandArgs, withInput } from '../../../incidents/api/graphql/command.args.js';
import { EnumField, IdField, PositionField, TextField, UuidField } from '../../../incidents/api/graphql/input.decorators.js';
import { PageArgs, ReadArgs } from '../../../incidents/api/graphql/query.args.js';
import { ACTOR_ROLES, type ActorRole } from '../../../incidents/domain/events.js';
import { ACTOR_TYPES, type ActorType } from '../../domain/actor-events.js';
import { ActorRoleEnum, ActorTypeEnum } from './actor.types.js';

@InputType('RegisterActorInput')
export class RegisterActorInputType {
  @UuidField('Client-chosen id; assigned by the server when absent') actorId?: string;
  @TextField(300) name!: string;
  @Field(() => [String], { nullable: true }) @applyDecorators(...aliasesRules()) aliases?: string[];
  @EnumField(ActorTypeEnum, ACTOR_TYPES) actorType!: ActorType;
  @UuidField('The actor this one is a faction or unit of (must exist)') parentActorId?: string;
}

@ArgsType()
export class ActorCommandArgs extends CommandOptionsArgs {
  @IdField() actorId!: string;
}

@ArgsType() export class RegisterActorArgs extends withInput(CommandOptionsArgs, RegisterActorInputType) {}

@ArgsType()
export class AddActorAliasArgs extends ActorCommandArgs {
  @Field(() => String) @applyDecorators(...aliasRules()) alias!: string;
}

@ArgsType()
export class MergeActorArgs extends ActorCommandArgs {
  @IdField() into!: string;
}

@ArgsType()
export class AttachActorArgs extends IncidentCommandArgs {
  @IdField() actorId!: string;
  @EnumField(ActorRoleEnum, ACTOR_ROLES) role!: ActorRole;
}

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
