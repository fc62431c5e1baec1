import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap, Optional } from '@nestjs/common';
import { DiscoveryService, Reflector } from '@nestjs/core';
import { Clock } from '../common/clock.js';
import { DataSource } from 'typeorm';
import { RUNTIME } from '../config/runtime.module.js';
import type { Runtime } from '../config/runtime.js';
import { EventStore } from '../event-store/event-store.port.js';
import { RESET_CHANNEL } from './checkpoints.js';
import { PgListener } from '../database/pg-listener.js';
import type { Projection } from './projection.js';
import { ProjectionRunner, type RunnerOptions } from './projection-runner.js';

export const PROJECTION_KEY = 'projections:projection';
/** Marks a provider as a projection the host runs. */
export const ProjectionHandler = (): ClassDecorator => (target) => Reflect.defineMetadata(PROJECTION_KEY, true, target);

/** Provide `false` (see `ProjectionsModule.manualStart()`) to keep the host from starting runners with the application. */
export const PROJECTIONS_AUTOSTART = 'PROJECTIONS_AUTOSTART';

/**
 * Finds every `@ProjectionHandler()` provider and runs each in a `ProjectionRunner`, started with the
 * application (unless told otherwise) and stopped before it closes its connections. Listens for
 * rebuild resets, so a running runner replays from the start.
 */
@Injectable()
export class ProjectionsHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Projections');
  private readonly runners = new Map<string, ProjectionRunner>();
  private resetSubscription: { unsubscribe(): void } | undefined;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
    private readonly dataSource: DataSource,
    private readonly store: EventStore,
    private readonly listener: PgListener,
    @Inject(RUNTIME) private readonly runtime: Runtime,
    private readonly clock: Clock,
    @Optional() @Inject(PROJECTIONS_AUTOSTART) private readonly autoStart?: boolean,
  ) {}

  projections(): Projection[] {
    return this.discovery
      .getProviders()
      .filter((wrapper) => wrapper.metatype && wrapper.instance && this.reflector.get(PROJECTION_KEY, wrapper.metatype))
      .map((wrapper) => wrapper.instance as Projection);
  }

  projection(name: string): Projection {
    const projection = this.projections().find((candidate) => candidate.name === name);
    if (!projection) throw new Error(`No projection named "${name}" (known: ${this.projections().map((p) => p.name).join(', ')})`);
    return projection;
  }

  /** A runner for `projection` (not started), e.g. for a rebuild with its own progress callback. */
  createRunner(projection: Projection, options: Partial<RunnerOptions> = {}): ProjectionRunner {
    return new ProjectionRunner(projection, this.store, this.dataSource, {
      connectionString: this.runtime.databaseUrl,
      clock: this.clock,
      leaseMs: this.runtime.config.PROJECTION_LEASE_SECONDS * 1_000,
      logger: this.logger,
      ...options,
    });
  }

  runner(name: string): ProjectionRunner | undefined {
    return this.runners.get(name);
  }

  async start(): Promise<void> {
    const resets = await this.listener.channel(RESET_CHANNEL);
    this.resetSubscription ??= resets.subscribe((name) => this.runners.get(name)?.restart());
    for (const projection of this.projections()) {
      const runner = this.runners.get(projection.name) ?? this.createRunner(projection);
      this.runners.set(projection.name, runner);
      runner.start();
    }
  }

  async stop(): Promise<void> {
    this.resetSubscription?.unsubscribe();
    this.resetSubscription = undefined;
    await Promise.all([...this.runners.values()].map((runner) => runner.stop()));
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.autoStart !== false) await this.start();
  }

  // Before the shutdown hooks close the event store and the database under a running batch.
  beforeApplicationShutdown(): Promise<void> {
    return this.stop();
  }
}
