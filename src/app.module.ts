import { type DynamicModule, Module } from '@nestjs/common';
import type { Runtime } from './config/runtime.js';
import { ActorsApiModule } from './actors/api/actors-api.module.js';
import { CoreModule } from './core.module.js';
import { HealthModule } from './health/health.module.js';
import { GraphqlApiModule } from './incidents/api/graphql/graphql-api.module.js';
import { RestApiModule } from './incidents/api/rest/rest-api.module.js';
import { MetricsModule } from './metrics/metrics.module.js';
import { SourcesApiModule } from './sources/api/sources-api.module.js';

@Module({})
export class AppModule {
  static forRoot(runtime: Runtime): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(runtime),
        HealthModule,
        MetricsModule,
        RestApiModule,
        ActorsApiModule,
        GraphqlApiModule,
        SourcesApiModule,
      ],
    };
  }
}
