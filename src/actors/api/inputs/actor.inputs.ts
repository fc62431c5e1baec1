import { applyDecorators } from '@nestjs/common';
import { ArgsType, Field, InputType } from '@nestjs/graphql';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { aliasesRules } from '../../../incidents/api/input-rules.js';
import { OneOf, Text, Uuid } from '../../../incidents/api/inputs/input-fields.js';
import type { ActorRole } from '../../../incidents/domain/events.js';
import { MAX_ALIAS_LENGTH, MAX_ALIASES, type ActorType } from '../../domain/actor-events.js';
import { ActorRoleEnum, ActorTypeEnum } from '../graphql/actor-enums.graphql.js';

/**
 * The bodies of actor commands: each class is the REST body and its OpenAPI schema (named by the
 * class) and, in GraphQL, the mutation's input (`@InputType`) or its arguments (`@ArgsType`, joined
 * to the command options by the resolver's argument classes).
 */

const ALIASES = `at most ${MAX_ALIASES} in all, registered and added, each at most ${MAX_ALIAS_LENGTH} characters`;

/** An actor's other names at registration, within the registry's limits (`MAX_ALIASES` × `MAX_ALIAS_LENGTH`). */
const Aliases = () =>
  applyDecorators(
    ...aliasesRules(),
    ApiPropertyOptional({ type: [String], maxItems: MAX_ALIASES, items: { type: 'string', maxLength: MAX_ALIAS_LENGTH }, example: ['CDN'], description: `Other names; ${ALIASES}` }),
    Field(() => [String], { nullable: true }),
  );

@InputType('RegisterActorInput')
export class RegisterActorDto {
  @Uuid({ description: 'Client-chosen id; assigned by the server when absent' })
  actorId?: string;

  @Text(300, { example: 'Cártel del Noreste' })
  name!: string;

  @Aliases()
  aliases?: string[];

  @OneOf(ActorTypeEnum, { example: 'political_militia' })
  actorType!: ActorType;

  @Uuid({ description: 'The actor this one is a faction or unit of (must exist)' })
  parentActorId?: string;
}

@ArgsType()
export class ActorAliasDto {
  @Text(MAX_ALIAS_LENGTH, { example: 'Los Zetas', description: `Another name; an actor has ${ALIASES}` })
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
