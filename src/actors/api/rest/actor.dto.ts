import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { OneOf } from '../../../incidents/api/rest/validation.decorators.js';
import { PageQueryDto } from '../../../incidents/api/rest/incident-queries.dto.js';
import { ACTOR_TYPES, type ActorType } from '../../domain/actor-events.js';

export class ListActorsQueryDto extends PageQueryDto {
  @OneOf(ACTOR_TYPES, 'state_forces', false)
  actorType?: ActorType;
}

/** docs/actors.md: what every actor write answers. */
@ApiSchema({ name: 'ActorCommandResult' })
export class ActorCommandResultDto {
  @ApiProperty({ format: 'uuid' })
  actorId!: string;

  @ApiProperty({ description: "The actor stream's revision after the write", example: '0' })
  revision!: string;

  @ApiProperty({ description: 'Event-store position of the write, for ?consistentWith=', example: '4294967296' })
  position!: string;
}
