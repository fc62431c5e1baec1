import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO31661Alpha2, IsOptional, IsString, MaxLength } from 'class-validator';
import { ACTOR_TYPES, type ActorType } from '../../../actors/domain/actor-events.js';
import { INCIDENT_STATUSES, type IncidentStatus } from '../../domain/events.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../../read-models/page.js';
import { OneOf, PageSize, Position, Text, Time, Uuid } from './validation.decorators.js';

/** `?consistentWith=<position>`: wait (bounded) until the read models include this position, else 503. */
export class ReadQueryDto {
  @Position('A position returned by a write; waits (bounded, then 503) until the read models include it')
  consistentWith?: string;
}

export class PageQueryDto extends ReadQueryDto {
  @PageSize(`Page size, default ${DEFAULT_PAGE_SIZE}, at most ${MAX_PAGE_SIZE}`, DEFAULT_PAGE_SIZE)
  first?: number;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  @ApiPropertyOptional({ type: String, description: 'nextCursor of the previous page' })
  after?: string;
}

export class ListIncidentsQueryDto extends PageQueryDto {
  @IsOptional()
  @IsISO31661Alpha2()
  @ApiPropertyOptional({ description: 'ISO 3166-1 alpha-2', example: 'MX' })
  country?: string;

  @Text(200, 'Coahuila', false)
  admin1?: string;

  @OneOf(INCIDENT_STATUSES, 'open', false)
  status?: IncidentStatus;

  @Time('2019-11-01T00:00:00Z', false)
  occurredFrom?: string;

  @Time('2019-12-31T23:59:59Z', false)
  occurredTo?: string;

  @Uuid('Incidents that involve this actor (or one merged into the same one): attached in any role, or the perpetrator of one of their figures')
  actorId?: string;

  @OneOf(ACTOR_TYPES, 'political_militia', false)
  actorType?: ActorType;
}
