import { setTimeout as delay } from 'node:timers/promises';
import type { DataSource } from 'typeorm';
import type { EventStore, RecordedEvent } from '../event-store/event-store.port.js';
import { AdvisoryLock } from './advisory-lock.js';
import { type Checkpoint, ensureCheckpoint, lockCheckpoint, saveCheckpoint } from './checkpoints.js';
import { projectionEvents, projectionPosition, trackLag } from './projection-metrics.js';
import type { Projection, ProjectionWriter } from './projection.js';
import { SubscriptionBuffer } from './subscription-buffer.js';

export interface RunnerLogger {
  log(message: string): void;
  warn(message: string): void;
  error(message: string, stack?: string): void;
}

export interface RunnerOptions {
  /** The database of the projection's tables; the advisory lock gets its own connection to it. */
  readonly connectionString: string;
  /**
   * Most events per transaction while catching up (default 20,000: an incident touched many times in
   * a batch has its summary and figures written once; 5,000 measured 15% slower). Live, a batch is
   * whatever has arrived, usually one event.
   */
  readonly batchSize?: number;
  /** How often a process without the lock asks for it again. */
  readonly lockPollMs?: number;
  /** First and longest pause before resubscribing after a failure (doubling in between). */
  readonly retryMs?: { readonly first: number; readonly max: number };
  readonly logger?: RunnerLogger;
  /** After every committed batch (progress bars, tests). */
  readonly onBatch?: (events: number, position: bigint) => void;
}

/** The stored checkpoint is not where this runner left it: a rebuild reset it (or another process ran). */
class CheckpointMoved extends Error {}

const silent: RunnerLogger = { log: () => {}, warn: () => {}, error: () => {} };

/**
 * Runs one projection: holds its advisory lock, subscribes to `$all` after the stored checkpoint
 * and applies batches, each in one transaction with the checkpoint, so every event takes effect
 * exactly once however the process dies. On any failure (store unavailable, database error, moved
 * checkpoint) it backs off and resubscribes from the stored checkpoint.
 */
export class ProjectionRunner {
  private readonly lock: AdvisoryLock;
  private readonly batchSize: number;
  private readonly logger: RunnerLogger;
  private readonly types: ReadonlySet<string> | undefined;
  private running: Promise<void> | undefined;
  private stopping = false;
  private buffer: SubscriptionBuffer | undefined;
  private wakePause: AbortController | undefined;
  private committed: Checkpoint;
  private untrackLag: (() => void) | undefined;

  constructor(
    private readonly projection: Projection,
    private readonly store: EventStore,
    private readonly dataSource: DataSource,
    private readonly options: RunnerOptions,
  ) {
    this.batchSize = options.batchSize ?? 20_000;
    this.logger = options.logger ?? silent;
    this.types = projection.eventTypes && new Set(projection.eventTypes);
    this.lock = new AdvisoryLock(options.connectionString, projection.name, () => {
      this.logger.warn(`Projection ${projection.name}: lost its lock connection; stopping until it holds the lock again`);
      void this.buffer?.close();
    });
  }

  get name(): string {
    return this.projection.name;
  }

  /** The last position this runner committed (`undefined` before its first batch). */
  get position(): Checkpoint {
    return this.committed;
  }

  get isRunning(): boolean {
    return this.running !== undefined;
  }

  start(): void {
    if (this.running) return;
    this.stopping = false;
    this.untrackLag = trackLag(this.name, async () => {
      if (!this.lock.held) return undefined;
      const head = await this.store.headPosition();
      return Number(head > (this.committed ?? 0n) ? head - (this.committed ?? 0n) : 0n);
    });
    this.running = this.run();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.wakePause?.abort();
    await this.buffer?.close();
    await this.running;
    this.running = undefined;
    this.untrackLag?.();
  }

  /** Drops the current subscription and resumes from the stored checkpoint (after a rebuild reset it). */
  restart(): void {
    void this.buffer?.close();
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.stopping) {
      if (!(await this.lock.tryAcquire())) {
        await this.pause(this.options.lockPollMs ?? 1_000);
        continue;
      }
      try {
        await this.follow(() => (failures = 0));
      } catch (error) {
        failures++;
        const pauseMs = this.retryPause(failures);
        const message = `Projection ${this.name}: ${(error as Error).message}; resuming from the checkpoint in ${pauseMs} ms`;
        if (error instanceof CheckpointMoved) this.logger.log(message);
        else this.logger.error(message, (error as Error).stack);
        await this.pause(pauseMs);
      }
    }
    await this.lock.release();
  }

  /** Applies batches with a new writer until the subscription ends (stop, restart, lost lock) or fails. */
  private async follow(onProgress: () => void): Promise<void> {
    this.committed = await ensureCheckpoint(this.dataSource, this.name);
    if (this.committed !== undefined) projectionPosition.set({ projection: this.name }, Number(this.committed));
    const subscription = this.store.subscribeToAll({
      fromPosition: this.committed ?? 'start',
      filter: { streamNamePrefixes: this.projection.streamNamePrefixes },
    });
    const buffer = new SubscriptionBuffer(subscription, this.batchSize * 2);
    this.buffer = buffer;
    const writer = this.projection.writer();
    try {
      while (!this.stopping && this.lock.held) {
        const events = await buffer.next(this.batchSize);
        if (events.length === 0) return;
        await this.commit(events, writer);
        onProgress();
      }
    } finally {
      await buffer.close();
      if (this.buffer === buffer) this.buffer = undefined;
    }
  }

  private async commit(events: readonly RecordedEvent[], writer: ProjectionWriter): Promise<void> {
    const position = events.at(-1)!.position;
    const handled = this.types ? events.filter((event) => this.types!.has(event.type)) : events;
    await this.dataSource.transaction(async (manager) => {
      // A full batch means catching up: it need not wait for the WAL flush, as a commit lost to a
      // server crash loses its checkpoint with its rows and the batch is simply applied again. Live
      // batches (and the last one of a catch-up) wait, which also makes every earlier commit durable:
      // only a catch-up still under way can go back to an earlier checkpoint.
      if (events.length === this.batchSize) await manager.query('SET LOCAL synchronous_commit TO off');
      const stored = await lockCheckpoint(manager, this.name);
      if (stored !== this.committed) {
        throw new CheckpointMoved(`checkpoint moved from ${String(this.committed)} to ${String(stored)}`);
      }
      if (handled.length > 0) await writer.apply(handled, manager);
      await saveCheckpoint(manager, this.name, position);
    });
    this.committed = position;
    projectionPosition.set({ projection: this.name }, Number(position));
    projectionEvents.inc({ projection: this.name }, events.length);
    this.options.onBatch?.(events.length, position);
  }

  private retryPause(failures: number): number {
    const { first, max } = this.options.retryMs ?? { first: 100, max: 10_000 };
    return Math.min(max, first * 2 ** (failures - 1));
  }

  private async pause(ms: number): Promise<void> {
    if (this.stopping) return;
    this.wakePause = new AbortController();
    await delay(ms, undefined, { signal: this.wakePause.signal }).catch(() => undefined);
    this.wakePause = undefined;
  }
}
