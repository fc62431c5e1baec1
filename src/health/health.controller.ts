import { setTimeout as delay } from 'node:timers/promises';
import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags, type SchemaObject } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, type HealthIndicatorResult, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { DataSource } from 'typeorm';
import { Public } from '../auth/auth.decorators.js';
import { EventStore } from '../event-store/event-store.port.js';
import { ProjectionsHost } from '../projections/projections-host.js';
import { quarantinedStreams, reportOf } from '../projections/quarantine.js';

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
    private readonly dataSource: DataSource,
    private readonly projections: ProjectionsHost,
  ) {}

  /**
   * 200 when the read-model database and the event store both answer, 503 otherwise. A projection
   * that quarantined streams makes the status `degraded` (still 200: the instance serves every other
   * read, and no other instance would serve those), its `projection:<name>` entry giving the reason
   * and each quarantined stream with its event's position, type and error.
   */
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
      ...this.projections.projections().map(({ name }) => () => this.projection(name)),
    ]);
  }

  private async projection(name: string): Promise<HealthIndicatorResult> {
    const session = this.indicators.check(`projection:${name}`);
    try {
      const timedOut = delay(TIMEOUT_MS, undefined, { ref: false }).then(() => Promise.reject(new Error(`no answer within ${TIMEOUT_MS} ms`)));
      const held = await Promise.race([quarantinedStreams(this.dataSource, name), timedOut]);
      if (held.length === 0) return session.up();
      const reason = held.map(({ stream, position, eventType, error }) => `${stream} quarantined at position ${position} (${eventType}): ${error}`);
      return session.degraded({ reason: reason.join('; '), quarantined: held.map(reportOf) });
    } catch (error) {
      return session.down({ message: (error as Error).message });
    }
  }
}
