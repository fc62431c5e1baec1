import { Module } from '@nestjs/common';
import { IncidentsModule } from '../incidents.module.js';
import { ExportRows } from './export-rows.js';
import { IncidentExports } from './incident-exports.service.js';

/** docs/exports.md: the rows of CSV and GeoJSON exports (served by `api/rest`, and by the CLI's `export-csv`). */
@Module({
  imports: [IncidentsModule],
  providers: [ExportRows, IncidentExports],
  exports: [ExportRows, IncidentExports],
})
export class ExportsModule {}
