import { type DynamicModule, Module } from '@nestjs/common';
import type { Runtime } from './config/runtime.js';
import { CoreModule } from './core.module.js';
import { HealthModule } from './health/health.module.js';
import { GraphqlApiModule } from './incidents/api/graphql/graphql-api.module.js';
import { ExportsModule } from './incidents/exports/exports.module.js';
import { IncidentsModule } from './incidents/incidents.module.js';
import { MetricsModule } from './metrics/metrics.module.js';
import { SourcesModule } from './sources/sources.module.js';

@Module({})
export class AppModule {
  static forRoot(runtime: Runtime): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(runtime),
        HealthModule,
        MetricsModule,
        IncidentsModule,
        ExportsModule,
        GraphqlApiModule,
        SourcesModule,
      ],
    };
  }
}
