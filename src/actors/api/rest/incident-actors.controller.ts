import { Body, Controller, Delete, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../../auth/auth.decorators.js';
import { WRITE } from '../../../auth/roles.js';
import { uuidParam as uuid } from '../../../common/uuid.pipe.js';
import type { CommandContext } from '../../../common/commands/command-context.js';
import { type CommandResult, IncidentCommandHandler } from '../../../incidents/application/incident-command-handler.js';
import { CommandResultDto } from '../../../incidents/api/rest/command-result.dto.js';
import { WriteContext, WriteHeaders } from '../../../incidents/api/rest/write-context.decorator.js';
import { ApiProblems } from '../../../openapi/api-responses.js';
import { AttachActorDto } from '../inputs/actor.inputs.js';

const WRITE_RESULT = { type: CommandResultDto, description: 'Appended (or, for a repeated Idempotency-Key, the first answer)' };

/** docs/actors.md: actors on an incident, as events in the incident's stream (so `If-Match` is the incident's revision). */
@ApiTags('commands')
@ApiBearerAuth()
@WriteHeaders('incident')
@ApiProblems(400, 401, 403, 404, 409, 412, 422, 429, 503)
@Roles(...WRITE)
@Controller('incidents')
export class IncidentActorsController {
  constructor(private readonly handler: IncidentCommandHandler) {}

  @Post(':id/actors')
  @ApiCreatedResponse(WRITE_RESULT)
  attach(@Param('id', uuid('id')) incidentId: string, @Body() dto: AttachActorDto, @WriteContext() context: CommandContext): Promise<CommandResult> {
    return this.handler.execute({ type: 'AttachActor', data: { incidentId, actorId: dto.actorId, role: dto.role } }, context);
  }

  // docs/api.md: every write answers 201 with its position, a detachment too.
  @Delete(':id/actors/:actorId')
  @HttpCode(201)
  @ApiCreatedResponse(WRITE_RESULT)
  detach(@Param('id', uuid('id')) incidentId: string, @Param('actorId', uuid('actorId')) actorId: string, @WriteContext() context: CommandContext): Promise<CommandResult> {
    return this.handler.execute({ type: 'DetachActor', data: { incidentId, actorId } }, context);
  }
}
