import { defer, filter, firstValueFrom, map, merge, mergeMap, type Observable, throwError, timeout } from 'rxjs';
import type { DataSource } from 'typeorm';
import { CHECKPOINT_CHANNEL, readCheckpoint } from './checkpoints.js';
import type { PgListener } from '../database/pg-listener.js';

/** A read asked to see a position the projection has not reached within the wait (HTTP 503). */
export class ProjectionBehind extends Error {
  constructor(
    readonly projection: string,
    readonly position: bigint,
    readonly waitedMs: number,
  ) {
    super(`Projection ${projection} has not reached position ${position} after ${waitedMs} ms; retry later`);
  }
}

/**
 * Waits for a projection to reach an event-store position (`?consistentWith=`), on checkpoint
 * notifications from whichever process runs it: no polling, no sleeps.
 */
export class ProjectionPositions {
  constructor(
    private readonly dataSource: DataSource,
    private readonly listener: PgListener,
  ) {}

  /** Resolves once the projection's checkpoint is at or past `position`; throws `ProjectionBehind` after `timeoutMs`. */
  async waitFor(projection: string, position: bigint, timeoutMs: number): Promise<void> {
    const notified = (await this.listener.channel(CHECKPOINT_CHANNEL)).pipe(
      map((payload) => JSON.parse(payload) as { name: string; position: string }),
      filter((checkpoint) => checkpoint.name === projection),
      map((checkpoint) => BigInt(checkpoint.position)),
    );
    // Read the table after LISTEN is in effect (a commit in between is then notified), and again after a reconnect.
    const stored: Observable<bigint | undefined> = defer(() => readCheckpoint(this.dataSource, projection));
    const reread = this.listener.reconnected.pipe(mergeMap(() => readCheckpoint(this.dataSource, projection)));
    await firstValueFrom(
      merge(stored, notified, reread).pipe(
        filter((checkpoint) => checkpoint !== undefined && checkpoint >= position),
        timeout({ first: timeoutMs, with: () => throwError(() => new ProjectionBehind(projection, position, timeoutMs)) }),
      ),
    );
  }
}
