import type { DataSource, EntityManager } from 'typeorm';
import type { Clock } from '../common/clock.js';
import { type Backoff, backoff, pause, withRetries } from '../common/retry.js';
import type { EventStore, RecordedEvent } from '../event-store/event-store.port.js';
import { AdvisoryLock } from './advisory-lock.js';
import { type Checkpoint, ensureCheckpoint, lockCheckpoint, saveCheckpoint } from './checkpoints.js';
import { breakStaleLease, claimLease, renewLease } from './lease.js';
import { projectionEvents, projectionFailures, projectionPosition, trackProjection } from './projection-metrics.js';
import type { Projection, ProjectionWriter } from './projection.js';
import { Quarantine, quarantineCount, quarantinedStreams, recordQuarantine } from './quarantine.js';
import { SubscriptionBuffer } from './subscription-buffer.js';
import { isTransient } from './transient-failures.js';

export interface RunnerLogger {
  log(message: string): void;
  warn(message: string): void;
  error(message: string, stack?: string): void;
}

export interface RunnerOptions {
  /** The database of the projection's tables; the advisory lock gets its own connection to it. */
  readonly connectionString: string;
  /** The time a quarantine records as its `firstFailedAt`. */
  readonly clock: Clock;
  /**
   * Most events per transaction while catching up (default 20,000: an incident touched many times in
   * a batch has its summary and figures written once, so larger batches write less). Live, a batch is
   * whatever has arrived, usually one event.
   */
  readonly batchSize?: number;
  /** How often a process without the lock asks for it again. */
  readonly lockPollMs?: number;
  /**
   * The lead is taken from a holder that neither commits nor waits for events for this long while
   * events wait past its checkpoint (frozen, say): see `breakStaleLease`. Default 30 s
   * (`PROJECTION_LEASE_SECONDS`); a batch must take less.
   */
  readonly leaseMs?: number;
  /** First and longest pause before resubscribing after a failure (doubling in between). */
  readonly retryMs?: Backoff;
  readonly logger?: RunnerLogger;
  /** After every committed batch (progress bars, tests). */
  readonly onBatch?: (events: number, position: bigint) => void;
}

/** The stored checkpoint is not where this runner left it: a rebuild reset it (or another process ran). */
class CheckpointMoved extends Error {}
/** Another process claimed the lead since this runner did (it was frozen, or lost its lock session). */
class LeaseLost extends CheckpointMoved {}

/** How often an event that fails alone is applied alone (each time in a fresh transaction, with a fresh writer) before its stream is quarantined. */
const ATTEMPTS_ALONE = 2;

const silent: RunnerLogger = { log: () => {}, warn: () => {}, error: () => {} };

/**
 * Runs one projection: holds its advisory lock, subscribes to `$all` after the stored checkpoint
 * and applies batches, each in one transaction with the checkpoint, so every event takes effect
 * exactly once however the process dies. On a transient failure (store unavailable, lost connection,
 * serialization failure, moved checkpoint) it backs off and resubscribes from the stored checkpoint.
 * On any other failure it isolates the event that causes it, and quarantines that event's stream:
 * one event the projection cannot apply never stops the others (`isolate`).
 */
export class ProjectionRunner {
  private readonly lock: AdvisoryLock;
  private readonly batchSize: number;
  private readonly logger: RunnerLogger;
  private readonly types: ReadonlySet<string> | undefined;
  private running: Promise<void> | undefined;
  /** Aborted by `stop()`: ends every pause at once. */
  private halt = new AbortController();
  private buffer: SubscriptionBuffer | undefined;
  private committed: Checkpoint;
  private epoch = 0n;
  private waiting = false;
  private readonly leaseMs: number;
  /** The pause after failure number `n` (from 1) before resuming. */
  private readonly retryPause: (failures: number) => number;
  private quarantine = new Quarantine();
  private untrack: (() => void) | undefined;

  constructor(
    private readonly projection: Projection,
    private readonly store: EventStore,
    private readonly dataSource: DataSource,
    private readonly options: RunnerOptions,
  ) {
    this.batchSize = options.batchSize ?? 20_000;
    this.logger = options.logger ?? silent;
    this.types = projection.eventTypes && new Set(projection.eventTypes);
    this.leaseMs = options.leaseMs ?? 30_000;
    this.retryPause = backoff(options.retryMs ?? { first: 100, max: 10_000 });
    this.lock = new AdvisoryLock(
      options.connectionString,
      projection.name,
      () => {
        this.logger.warn(`Projection ${projection.name}: lost its lock connection; stopping until it holds the lock again`);
        void this.buffer?.close();
      },
      async (session) => {
        this.epoch = await claimLease(session, projection.name);
      },
    );
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
    this.halt = new AbortController();
    this.untrack = trackProjection(this.name, {
      lag: async () => {
        if (!this.lock.held) return undefined;
        const head = await this.store.headPosition();
        return Number(head > (this.committed ?? 0n) ? head - (this.committed ?? 0n) : 0n);
      },
      quarantined: () => quarantineCount(this.dataSource, this.name),
    });
    this.running = this.run();
  }

  async stop(): Promise<void> {
    this.halt.abort();
    await this.buffer?.close();
    await this.running;
    this.running = undefined;
    this.untrack?.();
  }

  /** Drops the current subscription and resumes from the stored checkpoint (after a rebuild reset it). */
  restart(): void {
    void this.buffer?.close();
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.stopping) {
      if (!(await this.lock.tryAcquire())) {
        const broken = await breakStaleLease(this.dataSource, this.store, this.name, this.leaseMs).catch(() => false);
        if (broken) this.logger.warn(`Projection ${this.name}: its holder made no progress for ${this.leaseMs} ms with events waiting; ended its sessions to take over`);
        await this.pause(this.options.lockPollMs ?? 1_000);
        continue;
      }
      // Ends when the subscription does (restart, lost lock: the lock is asked for again) or on stop.
      await withRetries(() => this.follow(() => (failures = 0)), {
        // Counted here, not by attempt: progress in between starts the pauses short again.
        pauseMs: () => this.retryPause(failures),
        retryIf: (error) => this.resuming(error, ++failures),
        signal: this.halt.signal,
      }).catch(() => undefined);
    }
    await this.lock.release();
  }

  /** Logs a failed run of `follow`; whether to resume from the checkpoint (unless stopping). */
  private resuming(error: unknown, failures: number): boolean {
    const message = `Projection ${this.name}: ${(error as Error).message}; resuming from the checkpoint in ${this.retryPause(failures)} ms`;
    if (error instanceof CheckpointMoved) this.logger.log(message);
    else this.logger.error(message, (error as Error).stack);
    return !this.stopping;
  }

  /** Applies batches with a new writer until the subscription ends (stop, restart, lost lock) or fails. */
  private async follow(onProgress: () => void): Promise<void> {
    this.committed = await ensureCheckpoint(this.dataSource, this.name);
    this.quarantine = new Quarantine(await quarantinedStreams(this.dataSource, this.name));
    if (this.committed !== undefined) projectionPosition.set({ projection: this.name }, Number(this.committed));
    const subscription = this.store.subscribeToAll({
      fromPosition: this.committed ?? 'start',
      filter: { streamNamePrefixes: this.projection.streamNamePrefixes },
    });
    const buffer = new SubscriptionBuffer(subscription, this.batchSize * 2);
    this.buffer = buffer;
    let writer = this.projection.writer();
    // Waiting for events is progress too: the lease is renewed meanwhile, so an idle holder keeps the lead.
    const heartbeat = setInterval(() => {
      if (this.waiting) renewLease(this.dataSource, this.name, this.epoch).catch(() => undefined);
    }, this.leaseMs / 3);
    try {
      while (!this.stopping && this.lock.held) {
        this.waiting = true;
        const events = await buffer.next(this.batchSize).finally(() => (this.waiting = false));
        if (events.length === 0) return;
        try {
          await this.apply(events, writer);
        } catch (error) {
          // A failed batch drops its writer: what it folded in memory was rolled back.
          writer = this.projection.writer();
          await this.isolate(events, error, this.options.clock.now());
        }
        onProgress();
      }
    } finally {
      clearInterval(heartbeat);
      await buffer.close();
      if (this.buffer === buffer) this.buffer = undefined;
    }
  }

  /**
   * After `events` failed together with `error`: a transient failure is rethrown (the run resumes
   * from the checkpoint). Otherwise each half is committed apart, with a fresh writer, and a half
   * that fails is split again, down to the one event that fails alone; that event is tried alone
   * again, and if it keeps failing with the database answering, its stream is quarantined. Every
   * other event is applied, and the checkpoint moves on past the failed one.
   */
  private async isolate(events: readonly RecordedEvent[], error: unknown, firstFailedAt: Date): Promise<void> {
    await this.rethrowTransient(error);
    if (events.length === 1) return this.retryAlone(events[0], firstFailedAt);
    const half = Math.ceil(events.length / 2);
    for (const part of [events.slice(0, half), events.slice(half)]) {
      await this.apply(part, this.projection.writer()).catch((failure: unknown) => this.isolate(part, failure, firstFailedAt));
    }
  }

  /** Tries `event` alone again after its first failure; a transient failure (or stop) is rethrown. */
  private async retryAlone(event: RecordedEvent, firstFailedAt: Date): Promise<void> {
    const lastFailure = await withRetries(() => this.apply([event], this.projection.writer()), {
      failed: 1,
      retries: ATTEMPTS_ALONE - 2,
      pauseMs: this.retryPause,
      signal: this.halt.signal,
    }).then(
      () => undefined,
      (failure: unknown) => failure,
    );
    if (lastFailure === undefined) return;
    await this.rethrowTransient(lastFailure);
    const { stream, position, id: eventId, type: eventType } = event;
    const entry = { projection: this.name, stream, position, eventId, eventType, error: (lastFailure as Error).message, firstFailedAt, attempts: ATTEMPTS_ALONE };
    await this.commit([event], async (manager) => {
      await recordQuarantine(manager, entry);
      await this.projection.writer().passed?.([event], manager);
    }).catch(async (failure: unknown) => {
      // The event fails the writer's `passed` too: it is quarantined without it, so that the checkpoint moves on.
      await this.rethrowTransient(failure);
      await this.commit([event], (manager) => recordQuarantine(manager, entry));
    });
    this.quarantine.add(stream, position);
    this.logger.error(`Projection ${this.name}: quarantined ${stream} at position ${position} (${eventType}): ${entry.error}`);
  }

  /**
   * Counts the failure, and rethrows it unless it is the events' own: a transient failure, a failure
   * while the database does not answer, or one while stopping (a batch found failing is only skipped
   * by a runner that can keep on trying it).
   */
  private async rethrowTransient(error: unknown): Promise<void> {
    projectionFailures.inc({ projection: this.name });
    if (isTransient(error) || error instanceof CheckpointMoved || this.stopping || !this.lock.held) throw error;
    try {
      await this.dataSource.query('SELECT 1');
    } catch {
      throw error;
    }
  }

  /** Commits the events the writer handles (of the projection's types, not quarantined) with the checkpoint past all of them; the writer sees them all pass. */
  private apply(events: readonly RecordedEvent[], writer: ProjectionWriter): Promise<void> {
    const handled = events.filter((event) => (!this.types || this.types.has(event.type)) && !this.quarantine.skips(event));
    return this.commit(events, async (manager) => {
      if (handled.length > 0) await writer.apply(handled, manager);
      await writer.passed?.(events, manager);
    });
  }

  /** Runs `write` and moves the checkpoint to the last of `events`, in one transaction. */
  private async commit(events: readonly RecordedEvent[], write: (manager: EntityManager) => Promise<void>): Promise<void> {
    const position = events.at(-1)!.position;
    await this.dataSource.transaction(async (manager) => {
      // A full batch means catching up: it need not wait for the WAL flush, as a commit lost to a
      // server crash loses its checkpoint with its rows and the batch is simply applied again. Live
      // batches (and the last one of a catch-up) wait, which also makes every earlier commit durable:
      // only a catch-up still under way can go back to an earlier checkpoint.
      if (events.length === this.batchSize) await manager.query('SET LOCAL synchronous_commit TO off');
      const { position: stored, epoch } = await lockCheckpoint(manager, this.name);
      if (epoch !== this.epoch) throw new LeaseLost(`lease epoch ${epoch} is another process's (this one claimed ${this.epoch})`);
      if (stored !== this.committed) {
        throw new CheckpointMoved(stored === undefined ? 'checkpoint reset (a rebuild)' : `checkpoint moved from ${String(this.committed)} to ${String(stored)}`);
      }
      await write(manager);
      await saveCheckpoint(manager, this.name, position);
    });
    this.committed = position;
    projectionPosition.set({ projection: this.name }, Number(position));
    projectionEvents.inc({ projection: this.name }, events.length);
    this.options.onBatch?.(events.length, position);
  }

  private get stopping(): boolean {
    return this.halt.signal.aborted;
  }

  private pause(ms: number): Promise<void> {
    return pause(ms, this.halt.signal);
  }
}
