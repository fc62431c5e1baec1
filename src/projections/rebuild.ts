import { defer, filter, firstValueFrom, map, merge, tap } from 'rxjs';
import type { DataSource } from 'typeorm';
import type { EventStore } from '../event-store/event-store.port.js';
import { CHECKPOINT_CHANNEL, readCheckpoint, resetCheckpoint } from './checkpoints.js';
import type { PgListener } from '../database/pg-listener.js';
import type { Projection } from './projection.js';
import type { ProjectionRunner, RunnerOptions } from './projection-runner.js';
import { clearQuarantine } from './quarantine.js';

/**
 * Empties the projection's tables, lifts its quarantines and moves its checkpoint to the start, in
 * one transaction. A runner elsewhere notices (reset notification, or a moved checkpoint at its next
 * batch) and replays from the start, trying every once-quarantined event again (an event that still
 * fails is quarantined again).
 */
export async function resetProjection(dataSource: DataSource, projection: Projection): Promise<void> {
  await dataSource.transaction(async (manager) => {
    await resetCheckpoint(manager, projection.name);
    await projection.reset(manager);
    await clearQuarantine(manager, projection.name);
  });
}

export interface RebuildProgress {
  /** Checkpoint position reached, and the store's head when the rebuild began (the target). */
  readonly position: bigint;
  readonly head: bigint;
  /** Events replayed by this process (0 when another process holds the projection's lock and replays). */
  readonly events: number;
}

export interface Rebuild {
  readonly projection: Projection;
  readonly dataSource: DataSource;
  readonly store: EventStore;
  readonly listener: PgListener;
  readonly createRunner: (options: Partial<RunnerOptions>) => ProjectionRunner;
  readonly onProgress?: (progress: RebuildProgress) => void;
}

/**
 * Resets the projection and replays it up to the store's head as of now, here if this process gets
 * the projection's lock, otherwise by the process that holds it; reports progress from the
 * checkpoint notifications either way. Resolves when the checkpoint reaches the head.
 */
export async function rebuildProjection({ projection, dataSource, store, listener, createRunner, onProgress }: Rebuild): Promise<RebuildProgress> {
  const head = await store.headPosition();
  let events = 0;
  await resetProjection(dataSource, projection);
  if (head === 0n) return { position: 0n, head, events };
  // Listening starts after the reset, so no checkpoint of the run before it counts; the stored one is read once after.
  const notified = (await listener.channel(CHECKPOINT_CHANNEL)).pipe(
    map((payload) => JSON.parse(payload) as { name: string; position: string }),
    filter((checkpoint) => checkpoint.name === projection.name),
    map((checkpoint) => BigInt(checkpoint.position)),
  );
  const stored = defer(async () => (await readCheckpoint(dataSource, projection.name)) ?? 0n);
  const done = firstValueFrom(
    merge(stored, notified).pipe(
      map((position): RebuildProgress => ({ position, head, events })),
      tap((progress) => onProgress?.(progress)),
      filter((progress) => progress.position >= head),
    ),
  );
  const runner = createRunner({ onBatch: (count) => (events += count) });
  runner.start();
  try {
    const reached = await done;
    // Stopped, the runner has counted its last batch too (its notification can arrive first).
    await runner.stop();
    return { ...reached, events };
  } finally {
    await runner.stop();
  }
}
