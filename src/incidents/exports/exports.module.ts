import { Module } from '@nestjs/common';
import { ChangesController } from '../api/rest/changes.controller.js';
import { ExportsController } from '../api/rest/exports.controller.js';
import { TalliesController } from '../api/rest/tallies.controller.js';
import { IncidentsModule } from '../incidents.module.js';
import { ExportRows } from './export-rows.js';
import { IncidentExports } from './incident-exports.service.js';

/** SPEC §6.3: CSV and GeoJSON exports, REST `tallies` and the change feed (the CLI's `export-csv` uses `IncidentExports`). */
@Module({
  imports: [IncidentsModule],
  controllers: [ExportsController, TalliesController, ChangesController],
  providers: [ExportRows, IncidentExports],
  exports: [ExportRows, IncidentExports],
})
export class ExportsModule {}
