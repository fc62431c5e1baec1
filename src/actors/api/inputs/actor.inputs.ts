import { ArgsType, InputType } from '@nestjs/graphql';
import { Tags, OneOf, Text, Uuid } from '../../../incidents/api/inputs/input-fields.js';
import type { ActorRole } from '../../../incidents/domain/events.js';
import type { ActorType } from '../../domain/actor-events.js';
import { ActorRoleEnum, ActorTypeEnum } from '../graphql/actor-enums.graphql.js';

/**
 * The bodies of actor commands: each class is the REST body and its OpenAPI schema (named by the
 * class) and, in GraphQL, the mutation's input (`@InputType`) or its arguments (`@ArgsType`, joined
 * to the command options by the resolver's argument classes).
 */

@InputType('RegisterActorInput')
export class RegisterActorDto {
  @Uuid({ description: 'Client-chosen id; assigned by the server when absent' })
  actorId?: string;

  @Text(300, { example: 'Cártel del Noreste' })
  name!: string;

  @Tags(['CDN'])
  aliases?: string[];

  @OneOf(ActorTypeEnum, { example: 'political_militia' })
  actorType!: ActorType;

  @Uuid({ description: 'The actor this one is a faction or unit of (must exist)' })
  parentActorId?: string;
}

@ArgsType()
export class ActorAliasDto {
  @Text(300, { example: 'Los Zetas' })
  alias!: string;
}

@ArgsType()
export class MergeActorDto {
  @Uuid({ required: true, description: 'The actor this one is the same as; a merged one is followed to its survivor' })
  into!: string;
}

@ArgsType()
export class AttachActorDto {
  @Uuid({ required: true, description: 'An actor of the registry' })
  actorId!: string;

  @OneOf(ActorRoleEnum, { example: 'perpetrator' })
  role!: ActorRole;
}
