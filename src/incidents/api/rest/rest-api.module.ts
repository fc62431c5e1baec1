import { Module } from '@nestjs/common';
import { ExportsModule } from '../../exports/exports.module.js';
import { IncidentsModule } from '../../incidents.module.js';
import { AuditController } from './audit.controller.js';
import { ChangesController } from './changes.controller.js';
import { ExportsController } from './exports.controller.js';
import { IncidentCommandsController } from './incident-commands.controller.js';
import { IncidentLinksController } from './incident-links.controller.js';
import { IncidentQueriesController } from './incident-queries.controller.js';
import { TalliesController } from './tallies.controller.js';

/** The REST API (docs/api.md, docs/exports.md) over the incidents' command handler, query, audit and export services. */
@Module({
  imports: [IncidentsModule, ExportsModule],
  controllers: [IncidentCommandsController, IncidentQueriesController, IncidentLinksController, AuditController, ExportsController, TalliesController, ChangesController],
})
export class RestApiModule {}
