import { type BeforeApplicationShutdown, Inject, Injectable, Logger, type OnApplicationBootstrap, Optional } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RUNTIME } from '../../../config/runtime.module.js';
import type { Runtime } from '../../../config/runtime.js';
import { EventStore } from '../../../event-store/event-store.port.js';
import { readCheckpoint } from '../../../projections/checkpoints.js';
import { PROJECTIONS_AUTOSTART } from '../../../projections/projections-host.js';
import { SourceRegistryLog } from '../../../sources/stored-events/source-registry-log.js';
import { INCIDENTS_PROJECTION } from '../incidents.projection.js';
import { deleteStaleCheckpoints, writeTallyCheckpoint } from './tally-checkpoint.rows.js';

/** How often the builder looks for a checkpoint to make, in ms. */
const TICK_MS = 5_000;

/**
 * Makes every tally checkpoint due (`writeTallyCheckpoint`), one transaction each: one every
 * `every` (≥ 1) record events (reports, corrections, retractions: the rows of
 * `temporal_record_changes`) after the last, at the position of the last of them, built from the
 * temporal versions that held there, so the incidents projection's transactions never pay for
 * one. Those made with another quarantine than today's are deleted first
 * (`deleteStaleCheckpoints`), so they are made again. Survivors of merges count what was merged
 * into them (`checkpointCells`). Returns how many it made.
 *
 * The lock on `tally_checkpoints` is taken before the snapshot, so builders take turns, and a
 * rebuild's reset (which truncates the checkpoint tables first) waits for the one under way or is
 * seen whole.
 */
export async function makeDueCheckpoints(dataSource: DataSource, registry: SourceRegistryLog, every: number): Promise<number> {
  for (let made = 0; ; made++) {
    const due = await dataSource.transaction('REPEATABLE READ', async (manager) => {
      await manager.query('LOCK TABLE tally_checkpoints IN SHARE ROW EXCLUSIVE MODE');
      await deleteStaleCheckpoints(manager, INCIDENTS_PROJECTION);
      const [due] = (await manager.query(
        `SELECT position FROM temporal_record_changes
         WHERE position > (SELECT coalesce(max(position), 0) FROM tally_checkpoints) ORDER BY position OFFSET $1 LIMIT 1`,
        [every - 1],
      )) as { position: string }[];
      if (due === undefined) return false;
      const position = BigInt(due.position);
      const directory = await registry.directory((event) => event.position <= position);
      await writeTallyCheckpoint(manager, INCIDENTS_PROJECTION, position, directory);
      return true;
    });
    if (!due) return made;
  }
}

/**
 * Runs `makeDueCheckpoints` every few seconds with `TALLY_CHECKPOINT_EVENTS` (docs/temporal.md),
 * started with the projections, but only while the incidents projection keeps up with the store
 * (it has reached the head the previous look saw): a rebuild or a catch-up is not slowed by it,
 * and the checkpoints it skipped are made once the projection is live. Tallies as of a cut with no
 * usable checkpoint are answered without one.
 */
@Injectable()
export class TallyCheckpointer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('TallyCheckpoints');
  private readonly every: number;
  private timer: NodeJS.Timeout | undefined;
  private looking: Promise<void> = Promise.resolve();
  private stopped = false;
  /** The store's head at the previous look. */
  private head: bigint | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly store: EventStore,
    private readonly registry: SourceRegistryLog,
    @Inject(RUNTIME) runtime: Runtime,
    @Optional() @Inject(PROJECTIONS_AUTOSTART) private readonly autoStart?: boolean,
  ) {
    this.every = runtime.config.TALLY_CHECKPOINT_EVENTS;
  }

  onApplicationBootstrap(): void {
    if (this.every === 0 || this.autoStart === false) return;
    this.arm();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.looking;
  }

  /** The next look, `TICK_MS` after this one ends. */
  private arm(): void {
    if (!this.stopped) this.timer = setTimeout(() => (this.looking = this.look().then(() => this.arm())), TICK_MS);
  }

  private async look(): Promise<void> {
    try {
      const head = await this.store.headPosition();
      const position = await readCheckpoint(this.dataSource, INCIDENTS_PROJECTION);
      const keepsUp = this.head !== undefined && position !== undefined && position >= this.head;
      this.head = head;
      if (keepsUp) await makeDueCheckpoints(this.dataSource, this.registry, this.every);
    } catch (error) {
      this.logger.warn(`No tally checkpoint made this time: ${(error as Error).message}`);
    }
  }
}
