import { Controller, Get, Module, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { PrometheusController, PrometheusModule } from '@willsoto/nestjs-prometheus';
import type { Response } from 'express';
import { Public } from '../auth/auth.decorators.js';

@ApiExcludeController()
@Controller()
class MetricsController extends PrometheusController {
  @Get()
  @Public()
  override index(@Res({ passthrough: true }) response: Response) {
    return super.index(response);
  }
}

/** Prometheus text format at `/metrics` (process and Node.js defaults plus the app's own metrics). */
@Module({ imports: [PrometheusModule.register({ path: '/metrics', controller: MetricsController })] })
export class MetricsModule {}
