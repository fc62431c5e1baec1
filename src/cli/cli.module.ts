import { type DynamicModule, Module } from '@nestjs/common';
import type { Runtime } from '../config/runtime.js';
import { CoreModule } from '../core.module.js';
import { ExportsModule } from '../incidents/exports/exports.module.js';
import { IncidentsModule } from '../incidents/incidents.module.js';
import { ProjectionsModule } from '../projections/projections.module.js';
import { DemoCommand } from './demo.command.js';
import { ExportCsvCommand } from './export-csv.command.js';
import { ExportCommand } from './export.command.js';
import { ImportCommand } from './import.command.js';
import { MigrateCommand } from './migrate.command.js';
import { RebuildCommand } from './rebuild.command.js';
import { TokenCommand } from './token.command.js';
import { VerifyCommand } from './verify.command.js';

@Module({})
export class CliModule {
  static forRoot(runtime: Runtime): DynamicModule {
    return {
      module: CliModule,
      // Projections run in the app; the CLI starts one only to rebuild it.
      imports: [CoreModule.forRoot(runtime), IncidentsModule, ExportsModule, ProjectionsModule, ProjectionsModule.manualStart()],
      providers: [MigrateCommand, TokenCommand, DemoCommand, RebuildCommand, VerifyCommand, ExportCommand, ExportCsvCommand, ImportCommand],
    };
  }
}
