import { Module } from '@nestjs/common';
import { IncidentCommandsController } from './api/rest/incident-commands.controller.js';
import { IncidentCommandHandler } from './application/incident-command-handler.js';

@Module({
  controllers: [IncidentCommandsController],
  providers: [IncidentCommandHandler],
  exports: [IncidentCommandHandler],
})
export class IncidentsModule {}
