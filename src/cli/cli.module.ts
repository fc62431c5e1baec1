import { type DynamicModule, Module } from '@nestjs/common';
import type { Runtime } from '../config/runtime.js';
import { CoreModule } from '../core.module.js';
import { IncidentsModule } from '../incidents/incidents.module.js';
import { DemoCommand } from './demo.command.js';
import { MigrateCommand } from './migrate.command.js';
import { TokenCommand } from './token.command.js';

@Module({})
export class CliModule {
  static forRoot(runtime: Runtime): DynamicModule {
    return {
      module: CliModule,
      imports: [CoreModule.forRoot(runtime), IncidentsModule],
      providers: [MigrateCommand, TokenCommand, DemoCommand],
    };
  }
}
