import { Body, Controller, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../../auth/auth.decorators.js';
import { WRITE } from '../../../auth/roles.js';
import { uuidParam as uuid } from '../../../common/uuid.pipe.js';
import type { CommandContext } from '../../application/command-context.js';
import { amendIncidentCommand, openIncidentCommand, recordCommand } from '../../application/command-inputs.js';
import { type CommandResult, IncidentCommandHandler } from '../../application/incident-command-handler.js';
import { AmendIncidentDto, LifecycleDto, OpenIncidentDto } from './incident.dto.js';
import {
  ArrestsDto,
  CasualtiesDto,
  CommandResultDto,
  CorrectionDto,
  HostagesDto,
  HostagesReleasedDto,
  NoteDto,
  RetractionDto,
  VehiclesDto,
  WeaponsDto,
} from './record.dto.js';
import { WriteContext } from './write-context.decorator.js';


@ApiTags('commands')
@ApiBearerAuth()
@ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A repeat returns the first response and appends nothing' })
@ApiHeader({ name: 'If-Match', required: false, description: 'Expected incident revision, e.g. "3"; a stale one gives 412' })
@ApiHeader({ name: 'X-Correlation-Id', required: false })
@ApiCreatedResponse({ type: CommandResultDto })
@Roles(...WRITE)
@Controller('incidents')
export class IncidentCommandsController {
  constructor(private readonly handler: IncidentCommandHandler) {}

  @Post()
  open(@Body() dto: OpenIncidentDto, @WriteContext() context: CommandContext): Promise<CommandResult> {
    return this.handler.execute(openIncidentCommand(dto, context), context);
  }

  @Patch(':id')
  @HttpCode(201)
  amend(@Param('id', uuid('id')) incidentId: string, @Body() dto: AmendIncidentDto, @WriteContext() context: CommandContext) {
    return this.handler.execute(amendIncidentCommand(incidentId, dto), context);
  }

  @Post(':id/close')
  close(@Param('id', uuid('id')) incidentId: string, @Body() dto: LifecycleDto, @WriteContext() context: CommandContext) {
    return this.handler.execute({ type: 'CloseIncident', data: { ...dto, incidentId } }, context);
  }

  @Post(':id/reopen')
  reopen(@Param('id', uuid('id')) incidentId: string, @Body() dto: LifecycleDto, @WriteContext() context: CommandContext) {
    return this.handler.execute({ type: 'ReopenIncident', data: { ...dto, incidentId } }, context);
  }

  @Post(':id/casualties')
  casualties(@Param('id', uuid('id')) id: string, @Body() dto: CasualtiesDto, @WriteContext() context: CommandContext) {
    return this.handler.execute(recordCommand('ReportCasualties', id, dto, context), context);
  }

  @Post(':id/hostages/taken')
  hostagesTaken(@Param('id', uuid('id')) id: string, @Body() dto: HostagesDto, @WriteContext() context: CommandContext) {
    return this.handler.execute(recordCommand('RecordHostagesTaken', id, dto, context), context);
  }

  @Post(':id/hostages/released')
  hostagesReleased(@Param('id', uuid('id')) id: string, @Body() dto: HostagesReleasedDto, @WriteContext() context: CommandContext) {
    return this.handler.execute(recordCommand('RecordHostagesReleased', id, dto, context), context);
  }

  @Post(':id/hostages/killed')
  hostagesKilled(@Param('id', uuid('id')) id: string, @Body() dto: HostagesDto, @WriteContext() context: CommandContext) {
    return this.handler.execute(recordCommand('RecordHostagesKilled', id, dto, context), context);
  }

  @Post(':id/seizures/vehicles')
  vehicles(@Param('id', uuid('id')) id: string, @Body() dto: VehiclesDto, @WriteContext() context: CommandContext) {
    return this.handler.execute(recordCommand('RecordVehiclesSeized', id, dto, context), context);
  }

  @Post(':id/seizures/weapons')
  weapons(@Param('id', uuid('id')) id: string, @Body() dto: WeaponsDto, @WriteContext() context: CommandContext) {
    return this.handler.execute(recordCommand('RecordWeaponsSeized', id, dto, context), context);
  }

  @Post(':id/arrests')
  arrests(@Param('id', uuid('id')) id: string, @Body() dto: ArrestsDto, @WriteContext() context: CommandContext) {
    return this.handler.execute(recordCommand('RecordArrests', id, dto, context), context);
  }

  @Post(':id/notes')
  note(@Param('id', uuid('id')) id: string, @Body() dto: NoteDto, @WriteContext() context: CommandContext) {
    return this.handler.execute(recordCommand('AddTimelineNote', id, dto, context), context);
  }

  @Post(':id/records/:recordId/correction')
  correct(
    @Param('id', uuid('id')) incidentId: string,
    @Param('recordId', uuid('recordId')) recordId: string,
    @Body() dto: CorrectionDto,
    @WriteContext() context: CommandContext,
  ) {
    return this.handler.execute({ type: 'CorrectRecord', data: { ...dto, incidentId, recordId } }, context);
  }

  @Post(':id/records/:recordId/retraction')
  retract(
    @Param('id', uuid('id')) incidentId: string,
    @Param('recordId', uuid('recordId')) recordId: string,
    @Body() dto: RetractionDto,
    @WriteContext() context: CommandContext,
  ) {
    return this.handler.execute({ type: 'RetractRecord', data: { ...dto, incidentId, recordId } }, context);
  }
}
