import { Body, Controller, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../../auth/auth.decorators.js';
import { WRITE } from '../../../auth/roles.js';
import { uuidParam as uuid } from '../../../common/uuid.pipe.js';
import { ApiProblems } from '../../../openapi/api-responses.js';
import type { CommandContext } from '../../../common/commands/command-context.js';
import { amendIncidentCommand, openIncidentCommand, recordCommand } from '../../application/command-inputs.js';
import { type CommandResult, IncidentCommandHandler } from '../../application/incident-command-handler.js';
import { AmendIncidentDto, LifecycleDto, OpenIncidentDto } from '../inputs/incident.inputs.js';
import {
  ArrestsDto,
  CasualtiesDto,
  CorrectionDto,
  HostagesDto,
  HostagesReleasedDto,
  NoteDto,
  RetractionDto,
  VehiclesDto,
  WeaponsDto,
} from '../inputs/record.inputs.js';
import { CommandResultDto } from './command-result.dto.js';
import { WriteContext, WriteHeaders } from './write-context.decorator.js';

const WRITE_RESULT = { type: CommandResultDto, description: 'Appended (or, for a repeated Idempotency-Key, the first answer)' };

@ApiTags('commands')
@ApiBearerAuth()
@WriteHeaders('incident')
@ApiProblems(400, 401, 403, 409, 412, 422, 429, 503)
@Roles(...WRITE)
@Controller('incidents')
export class IncidentCommandsController {
  constructor(private readonly handler: IncidentCommandHandler) {}

  @Post()
  @ApiCreatedResponse(WRITE_RESULT)
  open(@Body() dto: OpenIncidentDto, @WriteContext() context: CommandContext): Promise<CommandResult> {
    return this.handler.execute(openIncidentCommand(dto, context), context);
  }

  // docs/api.md: every write answers 201, an amendment too.
  @Patch(':id')
  @HttpCode(201)
  @ApiProblems(404)
  @ApiCreatedResponse(WRITE_RESULT)
  amend(@Param('id', uuid('id')) incidentId: string, @Body() dto: AmendIncidentDto, @WriteContext() context: CommandContext) {
    return this.handler.execute(amendIncidentCommand(incidentId, dto), context);
  }

  @Post(':id/close')
  @ApiCreatedResponse(WRITE_RESULT)
  @ApiProblems(404)
  close(@Param('id', uuid('id')) incidentId: string, @Body() dto: LifecycleDto, @WriteContext() context: CommandContext) {
    return this.handler.execute({ type: 'CloseIncident', data: { ...dto, incidentId } }, context);
  }

  @Post(':id/reopen')
  @ApiCreatedResponse(WRITE_RESULT)
  @ApiProblems(404)
  reopen(@Param('id', uuid('id')) incidentId: string, @Body() dto: LifecycleDto, @WriteContext() context: CommandContext) {
    return this.handler.execute({ type: 'ReopenIncident', data: { ...dto, incidentId } }, context);
  }

  @Post(':id/casualties')
  @ApiCreatedResponse(WRITE_RESULT)
  @ApiProblems(404)
  casualties(@Param('id', uuid('id')) id: string, @Body() dto: CasualtiesDto, @WriteContext() context: CommandContext) {
    return this.handler.execute(recordCommand('ReportCasualties', id, dto, context), context);
  }

  @Post(':id/hostages/taken')
  @ApiCreatedResponse(WRITE_RESULT)
  @ApiProblems(404)
  hostagesTaken(@Param('id', uuid('id')) id: string, @Body() dto: HostagesDto, @WriteContext() context: CommandContext) {
    return this.handler.execute(recordCommand('RecordHostagesTaken', id, dto, context), context);
  }

  @Post(':id/hostages/released')
  @ApiCreatedResponse(WRITE_RESULT)
  @ApiProblems(404)
  hostagesReleased(@Param('id', uuid('id')) id: string, @Body() dto: HostagesReleasedDto, @WriteContext() context: CommandContext) {
    return this.handler.execute(recordCommand('RecordHostagesReleased', id, dto, context), context);
  }

  @Post(':id/hostages/killed')
  @ApiCreatedResponse(WRITE_RESULT)
  @ApiProblems(404)
  hostagesKilled(@Param('id', uuid('id')) id: string, @Body() dto: HostagesDto, @WriteContext() context: CommandContext) {
    return this.handler.execute(recordCommand('RecordHostagesKilled', id, dto, context), context);
  }

  @Post(':id/seizures/vehicles')
  @ApiCreatedResponse(WRITE_RESULT)
  @ApiProblems(404)
  vehicles(@Param('id', uuid('id')) id: string, @Body() dto: VehiclesDto, @WriteContext() context: CommandContext) {
    return this.handler.execute(recordCommand('RecordVehiclesSeized', id, dto, context), context);
  }

  @Post(':id/seizures/weapons')
  @ApiCreatedResponse(WRITE_RESULT)
  @ApiProblems(404)
  weapons(@Param('id', uuid('id')) id: string, @Body() dto: WeaponsDto, @WriteContext() context: CommandContext) {
    return this.handler.execute(recordCommand('RecordWeaponsSeized', id, dto, context), context);
  }

  @Post(':id/arrests')
  @ApiCreatedResponse(WRITE_RESULT)
  @ApiProblems(404)
  arrests(@Param('id', uuid('id')) id: string, @Body() dto: ArrestsDto, @WriteContext() context: CommandContext) {
    return this.handler.execute(recordCommand('RecordArrests', id, dto, context), context);
  }

  @Post(':id/notes')
  @ApiCreatedResponse(WRITE_RESULT)
  @ApiProblems(404)
  note(@Param('id', uuid('id')) id: string, @Body() dto: NoteDto, @WriteContext() context: CommandContext) {
    return this.handler.execute(recordCommand('AddTimelineNote', id, dto, context), context);
  }

  @Post(':id/records/:recordId/correction')
  @ApiCreatedResponse(WRITE_RESULT)
  @ApiProblems(404)
  correct(
    @Param('id', uuid('id')) incidentId: string,
    @Param('recordId', uuid('recordId')) recordId: string,
    @Body() dto: CorrectionDto,
    @WriteContext() context: CommandContext,
  ) {
    return this.handler.execute({ type: 'CorrectRecord', data: { ...dto, incidentId, recordId } }, context);
  }

  @Post(':id/records/:recordId/retraction')
  @ApiCreatedResponse(WRITE_RESULT)
  @ApiProblems(404)
  retract(
    @Param('id', uuid('id')) incidentId: string,
    @Param('recordId', uuid('recordId')) recordId: string,
    @Body() dto: RetractionDto,
    @WriteContext() context: CommandContext,
  ) {
    return this.handler.execute({ type: 'RetractRecord', data: { ...dto, incidentId, recordId } }, context);
  }
}
