import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../../auth/auth.decorators.js';
import { READ, WRITE } from '../../../auth/roles.js';
import { uuidParam as uuid } from '../../../common/uuid.pipe.js';
import type { CommandContext } from '../../../common/commands/command-context.js';
import { ReadQueryDto } from '../../../incidents/api/rest/incident-queries.dto.js';
import { WriteContext, WriteHeaders } from '../../../incidents/api/rest/write-context.decorator.js';
import type { Page } from '../../../common/page.js';
import { ReadConsistency } from '../../../incidents/read-models/read-consistency.js';
import { ApiProblems, ApiReadResponse } from '../../../openapi/api-responses.js';
import { type ActorCommandResult, ActorCommandHandler } from '../../application/actor-command-handler.js';
import { registerActorCommand } from '../../application/actor-inputs.js';
import { ActorQueries } from '../../read-models/actor.queries.js';
import type { ActorView } from '../../read-models/actor.view.js';
import { ActorAliasDto, MergeActorDto, RegisterActorDto } from '../inputs/actor.inputs.js';
import { ActorCommandResultDto, ListActorsQueryDto } from './actor.dto.js';

const WRITE_RESULT = { type: ActorCommandResultDto, description: 'Appended (or, for a repeated Idempotency-Key, the first answer)' };

/** docs/actors.md actor registry: writes as incident writes (Idempotency-Key, If-Match on the actor's revision), reads as incident reads. */
@ApiTags('actors')
@ApiBearerAuth()
@ApiProblems(400, 401, 403, 429, 503)
@Controller('actors')
export class ActorsController {
  constructor(
    private readonly handler: ActorCommandHandler,
    private readonly actors: ActorQueries,
    private readonly consistency: ReadConsistency,
  ) {}

  @Post()
  @Roles(...WRITE)
  @WriteHeaders('actor')
  @ApiCreatedResponse(WRITE_RESULT)
  @ApiProblems(404, 409, 422)
  register(@Body() dto: RegisterActorDto, @WriteContext() context: CommandContext): Promise<ActorCommandResult> {
    return this.handler.execute(registerActorCommand(dto, context), context);
  }

  @Post(':id/aliases')
  @Roles(...WRITE)
  @WriteHeaders('actor')
  @ApiCreatedResponse(WRITE_RESULT)
  @ApiProblems(404, 409, 412, 422)
  addAlias(@Param('id', uuid('id')) actorId: string, @Body() dto: ActorAliasDto, @WriteContext() context: CommandContext): Promise<ActorCommandResult> {
    return this.handler.execute({ type: 'AddActorAlias', data: { actorId, alias: dto.alias } }, context);
  }

  @Post(':id/merge')
  @Roles(...WRITE)
  @WriteHeaders('actor')
  @ApiCreatedResponse(WRITE_RESULT)
  @ApiProblems(404, 409, 412, 422)
  merge(@Param('id', uuid('id')) actorId: string, @Body() dto: MergeActorDto, @WriteContext() context: CommandContext): Promise<ActorCommandResult> {
    return this.handler.execute({ type: 'MergeActor', data: { actorId, into: dto.into } }, context);
  }

  @Get()
  @Roles(...READ)
  @ApiReadResponse('ActorPage', '`{ items: Actor[], nextCursor }`: actors not merged into another, by name')
  async list(@Query() query: ListActorsQueryDto): Promise<Page<ActorView>> {
    const { consistentWith, first, after, actorType } = query;
    await this.consistency.waitFor(consistentWith);
    return this.actors.actors({ actorType }, { first, after });
  }

  @Get(':id')
  @Roles(...READ)
  @ApiReadResponse('Actor', 'The `Actor` (a merged one answers as its survivor) with its incidents')
  @ApiProblems(404)
  async get(@Param('id', uuid('id')) id: string, @Query() query: ReadQueryDto): Promise<ActorView> {
    await this.consistency.waitFor(query.consistentWith);
    return this.actors.actor(id);
  }
}
