import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { aliasesRules, aliasRules, uuidRules } from '../../../incidents/api/input-rules.js';
import { OneOf, Text, Uuid } from '../../../incidents/api/rest/validation.decorators.js';
import { PageQueryDto } from '../../../incidents/api/rest/incident-queries.dto.js';
import { ACTOR_ROLES, type ActorRole } from '../../../incidents/domain/events.js';
import { ACTOR_TYPES, MAX_ALIAS_LENGTH, MAX_ALIASES, type ActorType } from '../../domain/actor-events.js';

const RequiredUuid = (description: string) => applyDecorators(...uuidRules(true), ApiProperty({ type: String, format: 'uuid', description }));
const ALIASES = `at most ${MAX_ALIASES} in all, registered and added, each at most ${MAX_ALIAS_LENGTH} characters`;

export class RegisterActorDto {
  @Uuid('Client-chosen id; assigned by the server when absent')
  actorId?: string;

  @Text(300, 'Cártel del Noreste')
  name!: string;

  @ApiPropertyOptional({ type: [String], maxItems: MAX_ALIASES, items: { type: 'string', maxLength: MAX_ALIAS_LENGTH }, example: ['CDN'], description: `Other names; ${ALIASES}` })
  @applyDecorators(...aliasesRules())
  aliases?: string[];

  @OneOf(ACTOR_TYPES, 'political_militia')
  actorType!: ActorType;

  @Uuid('The actor this one is a faction or unit of (must exist)')
  parentActorId?: string;
}

export class ActorAliasDto {
  @ApiProperty({ type: String, maxLength: MAX_ALIAS_LENGTH, example: 'Los Zetas', description: `Another name; an actor has ${ALIASES}` })
  @applyDecorators(...aliasRules())
  alias!: string;
}

export class MergeActorDto {
  @RequiredUuid('The actor this one is the same as; a merged one is followed to its survivor')
  into!: string;
}

export class AttachActorDto {
  @RequiredUuid('An actor of the registry')
  actorId!: string;

  @OneOf(ACTOR_ROLES, 'perpetrator')
  role!: ActorRole;
}

export class ListActorsQueryDto extends PageQueryDto {
  @OneOf(ACTOR_TYPES, 'state_forces', false)
  actorType?: ActorType;
}

/** SPEC §6.2: what every actor write answers. */
@ApiSchema({ name: 'ActorCommandResult' })
export class ActorCommandResultDto {
  @ApiProperty({ format: 'uuid' })
  actorId!: string;

  @ApiProperty({ description: "The actor stream's revision after the write", example: '0' })
  revision!: string;

  @ApiProperty({ description: 'Event-store position of the write, for ?consistentWith=', example: '4294967296' })
  position!: string;
}
