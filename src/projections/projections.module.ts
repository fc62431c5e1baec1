import { type DynamicModule, Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { RUNTIME } from '../config/runtime.module.js';
import type { Runtime } from '../config/runtime.js';
import { PgListener } from '../database/pg-listener.js';
import { ProjectionPositions } from './projection-positions.js';
import { PROJECTIONS_AUTOSTART, ProjectionsHost } from './projections-host.js';

@Global()
@Module({})
class ManualStartModule {}

/**
 * Runs the application's projections (providers marked `@ProjectionHandler()`) and offers what reads
 * need from them: `ProjectionPositions` (`consistentWith`) and the `PgListener` for change notifications.
 */
@Module({
  imports: [DiscoveryModule],
  providers: [
    ProjectionsHost,
    { provide: PgListener, inject: [RUNTIME], useFactory: (runtime: Runtime) => new PgListener(runtime.databaseUrl) },
    { provide: ProjectionPositions, inject: [DataSource, PgListener], useFactory: (dataSource: DataSource, listener: PgListener) => new ProjectionPositions(dataSource, listener) },
  ],
  exports: [ProjectionsHost, PgListener, ProjectionPositions],
})
export class ProjectionsModule implements OnApplicationShutdown {
  constructor(@Inject(PgListener) private readonly listener: PgListener) {}

  /** Import next to the application (the CLI does) to keep projections from starting with it; start them with `ProjectionsHost.start()`. */
  static manualStart(): DynamicModule {
    return {
      module: ManualStartModule,
      providers: [{ provide: PROJECTIONS_AUTOSTART, useValue: false }],
      exports: [PROJECTIONS_AUTOSTART],
    };
  }

  onApplicationShutdown(): Promise<void> {
    return this.listener.close();
  }
}
