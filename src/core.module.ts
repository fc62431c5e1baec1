import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from './auth/auth.module.js';
import { ClockModule } from './common/clock.module.js';
import { RuntimeModule } from './config/runtime.module.js';
import type { Runtime } from './config/runtime.js';
import { dataSourceOptions } from './database/data-source.js';
import { TurnsModule } from './database/turns.module.js';
import { EventStoreModule } from './event-store/event-store.module.js';

/** What both the HTTP app and the CLI stand on: runtime settings, the clock, the database (and the command `Turns` across instances on it), the event store, tokens. */
@Module({})
export class CoreModule {
  static forRoot(runtime: Runtime): DynamicModule {
    return {
      module: CoreModule,
      imports: [
        RuntimeModule.forRoot(runtime),
        ClockModule,
        TypeOrmModule.forRoot({ ...dataSourceOptions(runtime.databaseUrl), autoLoadEntities: true }),
        TurnsModule,
        EventStoreModule,
        AuthModule,
      ],
    };
  }
}
