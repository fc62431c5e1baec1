import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../../auth/auth.decorators.js';
import { READ, WRITE } from '../../../auth/roles.js';
import { uuidParam as uuid } from '../../../common/uuid.pipe.js';
import { type CommandContext, derivedId } from '../../../common/commands/command-context.js';
import { ReadQueryDto } from '../../../incidents/api/rest/incident-queries.dto.js';
import { WriteContext, WriteHeaders } from '../../../incidents/api/rest/write-context.decorator.js';
import { ReadConsistency } from '../../../incidents/read-models/read-consistency.js';
import { ApiProblems } from '../../../openapi/api-responses.js';
import { SourceCommandHandler, type SourceCommandResult } from '../../application/source-command-handler.js';
import { SourceQueries, type SourceView } from '../../read-models/source.queries.js';
import { AmendSourceDto, RegisterSourceDto } from '../inputs/source.inputs.js';
import { amendSourceCommand } from '../../application/amend-source-command.js';
import { RegisteredSourceDto, SourceCommandResultDto } from '../source.views.js';
import { SourceListDto } from './source-registry.dto.js';

const WRITE_RESULT = { type: SourceCommandResultDto, description: 'Appended (or, for a repeated Idempotency-Key, the first answer)' };

/** The source registry over REST (docs/sources.md). */
@ApiTags('sources')
@ApiBearerAuth()
@ApiProblems(400, 401, 403, 429, 503)
@Controller('sources')
export class SourcesController {
  constructor(
    private readonly handler: SourceCommandHandler,
    private readonly sources: SourceQueries,
    private readonly consistency: ReadConsistency,
  ) {}

  @Post()
  @Roles(...WRITE)
  @WriteHeaders('source')
  @ApiCreatedResponse(WRITE_RESULT)
  @ApiProblems(409, 422)
  register(@Body() dto: RegisterSourceDto, @WriteContext() context: CommandContext): Promise<SourceCommandResult> {
    return this.handler.execute({ type: 'RegisterSource', data: { ...dto, sourceId: derivedId(context, 'source') } }, context);
  }

  // Changes the source rather than creating anything: 200 with the write's answer, as HTTP answers a PATCH;
  // an amendment that changes nothing appends nothing and answers the source's last revision and position.
  // docs/sources.md: writes answer 201, an amendment too.
  @Patch(':id')
  @HttpCode(201)
  @Roles(...WRITE)
  @WriteHeaders('source')
  @ApiCreatedResponse(WRITE_RESULT)
  @ApiProblems(404, 409, 412, 422)
  amend(@Param('id', uuid('id')) sourceId: string, @Body() dto: AmendSourceDto, @WriteContext() context: CommandContext): Promise<SourceCommandResult> {
    return this.handler.execute(amendSourceCommand(sourceId, dto), context);
  }

  @Get()
  @Roles(...READ)
  @ApiOkResponse({ type: SourceListDto, description: 'Every registered source, by name' })
  async list(@Query() query: ReadQueryDto): Promise<{ items: SourceView[] }> {
    await this.consistency.waitFor(query.consistentWith);
    return { items: await this.sources.list() };
  }

  @Get(':id')
  @Roles(...READ)
  @ApiOkResponse({ type: RegisteredSourceDto })
  @ApiProblems(404)
  async get(@Param('id', uuid('id')) sourceId: string, @Query() query: ReadQueryDto): Promise<SourceView> {
    await this.consistency.waitFor(query.consistentWith);
    return this.sources.get(sourceId);
  }
}
