import { applyDecorators, Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../../auth/auth.decorators.js';
import { READ, WRITE } from '../../../auth/roles.js';
import { uuidParam as uuid } from '../../../common/uuid.pipe.js';
import { ApiProblems, ApiReadResponse } from '../../../openapi/api-responses.js';
import type { CommandContext } from '../../../common/commands/command-context.js';
import { type CommandResult, IncidentCommandHandler } from '../../application/incident-command-handler.js';
import { type DuplicateCandidate, DuplicateCandidateQueries } from '../../read-models/incident-links/duplicate-candidates.queries.js';
import { ReadConsistency } from '../../read-models/read-consistency.js';
import { LinkIncidentDto, MergeIncidentDto } from '../inputs/incident.inputs.js';
import { CommandResultDto } from './command-result.dto.js';
import { DuplicateCandidatesQueryDto } from './incident-links.dto.js';
import { WriteContext, WriteHeaders } from './write-context.decorator.js';

/** As for every incident command (see `IncidentCommandsController`). */
const LinkWrite = () =>
  applyDecorators(
    WriteHeaders('incident'),
    ApiCreatedResponse({ type: CommandResultDto, description: 'Appended (or, for a repeated Idempotency-Key or a link or merge already made, the first answer)' }),
    ApiProblems(409, 412, 422),
  );

/** docs/merge.md: links between incidents, duplicate candidates and merges. */
@ApiTags('links')
@ApiBearerAuth()
@ApiProblems(400, 401, 403, 404, 429, 503)
@Controller('incidents')
export class IncidentLinksController {
  constructor(
    private readonly handler: IncidentCommandHandler,
    private readonly duplicates: DuplicateCandidateQueries,
    private readonly consistency: ReadConsistency,
  ) {}

  @Post(':id/links')
  @Roles(...WRITE)
  @LinkWrite()
  link(@Param('id', uuid('id')) incidentId: string, @Body() dto: LinkIncidentDto, @WriteContext() context: CommandContext): Promise<CommandResult> {
    return this.handler.execute({ type: 'LinkIncident', data: { ...dto, incidentId } }, context);
  }

  @Post(':id/merge')
  @Roles(...WRITE)
  @LinkWrite()
  merge(@Param('id', uuid('id')) incidentId: string, @Body() dto: MergeIncidentDto, @WriteContext() context: CommandContext): Promise<CommandResult> {
    return this.handler.execute({ type: 'MergeIncident', data: { ...dto, incidentId } }, context);
  }

  @Get(':id/duplicate-candidates')
  @Roles(...READ)
  @ApiReadResponse('DuplicateCandidatePage', '`{ items: [{ incident, score, reasons }] }`, best score first')
  async duplicateCandidates(@Param('id', uuid('id')) id: string, @Query() query: DuplicateCandidatesQueryDto): Promise<{ items: DuplicateCandidate[] }> {
    await this.consistency.waitFor(query.consistentWith);
    return { items: await this.duplicates.candidates(id, query.first) };
  }
}
