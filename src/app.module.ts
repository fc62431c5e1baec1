import { type DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { Runtime } from './config/runtime.js';
import { CoreModule } from './core.module.js';
import { HealthModule } from './health/health.module.js';
import { IncidentsModule } from './incidents/incidents.module.js';
import { MetricsModule } from './metrics/metrics.module.js';

@Module({})
export class AppModule {
  static forRoot(runtime: Runtime): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(runtime),
        LoggerModule.forRoot({ pinoHttp: { level: runtime.config.LOG_LEVEL, autoLogging: runtime.config.LOG_LEVEL !== 'info' } }),
        HealthModule,
        MetricsModule,
        IncidentsModule,
      ],
    };
  }
}
