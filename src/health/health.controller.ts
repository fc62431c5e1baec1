import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Public } from '../auth/auth.decorators.js';
import { EventStore } from '../event-store/event-store.port.js';

const TIMEOUT_MS = 2000;

@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly store: EventStore,
  ) {}

  /** 200 when the read-model database and the event store both answer, 503 otherwise. */
  @Get()
  @Public()
  @HealthCheck()
  check() {
    return this.health.check([
      () => this.database.pingCheck('database').withTimeout(TIMEOUT_MS),
      () =>
        this.indicators
          .check(`eventStore:${this.store.kind}`)
          .attempt(() => this.store.ping())
          .withTimeout(TIMEOUT_MS),
    ]);
  }
}
