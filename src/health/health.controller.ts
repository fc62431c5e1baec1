import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags, type SchemaObject } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Public } from '../auth/auth.decorators.js';
import { EventStore } from '../event-store/event-store.port.js';

const TIMEOUT_MS = 2000;

/** Per indicator (`database`, `eventStore:<kind>`): its `status` and what it reports besides. */
const INDICATORS: SchemaObject = {
  type: 'object',
  additionalProperties: { type: 'object', required: ['status'], properties: { status: { type: 'string', enum: ['up', 'degraded', 'down'] } }, additionalProperties: true },
};

/** Terminus's health-check result (documented here: its own decorator documents it only when it can `require` this ESM package). */
const HEALTH_RESULT: SchemaObject = {
  type: 'object',
  required: ['status'],
  properties: { status: { type: 'string', enum: ['ok', 'degraded', 'error', 'shutting_down'] }, info: INDICATORS, error: INDICATORS, details: INDICATORS },
};

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
  @HealthCheck({ noCache: true, swaggerDocumentation: false })
  @ApiOkResponse({ description: 'Every indicator is up', schema: HEALTH_RESULT })
  @ApiServiceUnavailableResponse({ description: 'An indicator is down: `error` names it', schema: HEALTH_RESULT })
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
