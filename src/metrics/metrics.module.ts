import { Controller, Get, Header, Module } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { collectDefaultMetrics, register } from 'prom-client';
import { Public } from '../auth/auth.decorators.js';

@ApiTags('operations')
@Controller('metrics')
class MetricsController {
  @Get()
  @Public()
  @ApiOkResponse({ description: 'Prometheus text exposition format', content: { 'text/plain': { schema: { type: 'string' } } } })
  @Header('Content-Type', register.contentType)
  metrics(): Promise<string> {
    return register.metrics();
  }
}

/** Prometheus text format at `/metrics`: process and Node.js defaults plus the app's own (prom-client's global registry). */
@Module({ controllers: [MetricsController] })
export class MetricsModule {
  constructor() {
    if (!register.getSingleMetric('process_cpu_user_seconds_total')) collectDefaultMetrics();
  }
}
