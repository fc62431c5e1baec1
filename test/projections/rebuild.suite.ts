import { setTimeout } from 'node:timers/promises';
import { incidentWorkload } from '../../bench/incident-workload.js';
import { RESET_CHANNEL } from '../../src/projections/checkpoints.js';
import { PgListener } from '../../src/database/pg-listener.js';
import { rebuildProjection, type RebuildProgress } from '../../src/projections/rebuild.js';
import type { EventStoreUnderTest } from '../support/event-stores.js';
import { appendEvents, migratedHarness, type MigratedHarness } from './projection-harness.js';

/** Runs against the event store `eventStore()` gives. */
export function describeRebuild(name: string, eventStore: () => Promise<EventStoreUnderTest>) {
  describe(`rebuild (${name})`, () => {
    let harness: MigratedHarness;
    let listener: PgListener;
    let incremental: Record<string, unknown[]>;

    beforeAll(async () => {
      harness = await migratedHarness(eventStore);
      listener = new PgListener(harness.url);
      // Built incrementally: the runner follows appends live, command by command.
      const live = harness.runner();
      live.start();
      let head = 0n;
      for (const { events } of incidentWorkload({ events: 1_500, seed: 11 })) head = (await appendEvents(harness.store, events)).at(-1)!.position;
      await harness.waitFor(head);
      await live.stop();
      incremental = await harness.snapshot();
      // 1,500 events appended one command at a time: minutes on a loaded 2-core machine with the EventStoreDB test server.
    }, 300_000);
    afterAll(async () => {
      await listener?.close();
      await harness?.close();
    });

    const rebuild = (onProgress?: (progress: RebuildProgress) => void) =>
      rebuildProjection({
        projection: harness.projection,
        dataSource: harness.dataSource,
        store: harness.store,
        listener,
        createRunner: (options) => harness.runner({ batchSize: 100, ...options }),
        onProgress,
      });

    it('resets and replays here, with progress, to tables equal to the incrementally built ones', async () => {
      const progress: RebuildProgress[] = [];
      const result = await rebuild((p) => progress.push(p));
      expect(result.position).toBeGreaterThanOrEqual(result.head);
      expect(result.events).toBeGreaterThanOrEqual(1_500);
      expect(progress.length).toBeGreaterThan(5);
      expect(progress.map((p) => p.position)).toEqual([...progress.map((p) => p.position)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
      expect(await harness.snapshot()).toEqual(incremental);
    });

    it('lets the process holding the projection replay it, and follows its progress', async () => {
      // Another process runs the projection (holds its lock) and restarts on a reset, as the app's ProjectionsHost does.
      const holder = harness.runner({ batchSize: 100 });
      holder.start();
      (await listener.channel(RESET_CHANNEL)).subscribe(() => holder.restart());
      // The checkpoint is at the head already; the holder shows it holds the lock by reading it (else the rebuild could take the lock first).
      while (holder.position === undefined) await setTimeout(10);
      const result = await rebuild();
      expect(result.events).toBe(0);
      expect(await harness.snapshot()).toEqual(incremental);
      await holder.stop();
    });
  });
}
