import { incidentWorkload } from '../../bench/incident-workload.js';
import { runMigrations } from '../../src/database/data-source.js';
import { EventStoreUnavailable } from '../../src/event-store/event-store.errors.js';
import { EventStore, type EventSubscription, type RecordedEvent, type SubscribeToAllOptions } from '../../src/event-store/event-store.port.js';
import { INCIDENT_STREAM_PREFIX } from '../../src/event-store/stream-names.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import type { EventStoreUnderTest } from '../support/event-stores.js';
import { appendEvents, eventStoreFor, projectionHarness, type ProjectionHarness } from './projection-harness.js';
import { expectReadModelsToEqualPureTallies } from './read-model-expectations.js';

async function appendWorkload(store: EventStore, events: number, seed: number): Promise<bigint> {
  let last = 0n;
  for (const decided of incidentWorkload({ events, seed })) last = (await appendEvents(store, decided.events)).at(-1)!.position;
  return last;
}

const eventCount = async (store: EventStore): Promise<number> =>
  (await store.readAll()).filter((event) => event.stream.startsWith(INCIDENT_STREAM_PREFIX)).length;

/** The store under test, except that its first subscription fails (as a lost connection would) after `failAfter` events. */
class FlakyStore extends EventStore {
  readonly kind = 'flaky';
  subscriptions = 0;

  constructor(
    private readonly store: EventStore,
    private readonly failAfter: number,
  ) {
    super();
  }

  appendToStream(...args: Parameters<EventStore['appendToStream']>) {
    return this.store.appendToStream(...args);
  }
  readStream(...args: Parameters<EventStore['readStream']>) {
    return this.store.readStream(...args);
  }
  readAll(...args: Parameters<EventStore['readAll']>) {
    return this.store.readAll(...args);
  }
  scanAll(...args: Parameters<EventStore['scanAll']>) {
    return this.store.scanAll(...args);
  }
  headPosition() {
    return this.store.headPosition();
  }
  ping() {
    return this.store.ping();
  }
  close() {
    return this.store.close();
  }

  subscribeToAll(options?: SubscribeToAllOptions): EventSubscription {
    const inner = this.store.subscribeToAll(options);
    if (this.subscriptions++ > 0) return inner;
    const failAfter = this.failAfter;
    return {
      close: () => inner.close(),
      async *[Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
        let delivered = 0;
        for await (const event of inner) {
          if (delivered++ === failAfter) throw new EventStoreUnavailable('connection lost (test)');
          yield event;
        }
      },
    };
  }
}

/** Runs against the event store `eventStore()` gives, a fresh one (and a fresh database) per test. */
export function describeProjectionRunner(name: string, eventStore: () => Promise<EventStoreUnderTest>) {
  describe(`projection runner (${name})`, () => {
    let db: TestDatabase;
    let store: EventStoreUnderTest;
    let harness: ProjectionHarness;
    const adapter = () => eventStoreFor(db.url, store.connectionString);

    beforeEach(async () => {
      [db, store] = await Promise.all([createTestDatabase(), eventStore()]);
      await runMigrations(db.url);
    });
    afterEach(async () => {
      await harness?.close();
      await store?.dispose();
      await db?.drop();
    });

    it('runs in one process at a time; another takes over when the holder loses its lock session', async () => {
      harness = await projectionHarness(db.url, adapter());
      const applied = [0, 0];
      const runners = applied.map((_, index) => harness.runner({ batchSize: 50, onBatch: (events) => (applied[index] += events) }));
      runners.forEach((runner) => runner.start());
      await harness.waitFor(await appendWorkload(harness.store, 600, 1));
      expect(applied.filter((events) => events > 0)).toHaveLength(1);

      const holder = applied.findIndex((events) => events > 0);
      // What the server does when the holding process dies: the session and its advisory lock end (and the process does no more).
      await harness.dataSource.query(
        "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND granted AND pid <> pg_backend_pid()",
      );
      await runners[holder].stop();
      await harness.waitFor(await appendWorkload(harness.store, 600, 2));
      // Stopped, so every committed batch has been counted.
      await Promise.all(runners.map((runner) => runner.stop()));
      expect(applied[1 - holder]).toBeGreaterThan(0);
      const count = await eventCount(harness.store);
      expect(applied[0] + applied[1]).toBe(count);
      await expectReadModelsToEqualPureTallies(harness);
    });

    it('resubscribes from its checkpoint after the store becomes unavailable', async () => {
      const store = new FlakyStore(adapter(), 150);
      harness = await projectionHarness(db.url, store);
      const head = await appendWorkload(store, 500, 3);
      harness.runner({ batchSize: 40 }).start();
      await harness.waitFor(head);
      expect(store.subscriptions).toBeGreaterThan(1);
      await expectReadModelsToEqualPureTallies(harness);
    });

    it('applies what is already there in batches, and live events as they come', async () => {
      harness = await projectionHarness(db.url, adapter());
      const batches: number[] = [];
      const head = await appendWorkload(harness.store, 1_000, 4);
      const count = await eventCount(harness.store);
      harness.runner({ batchSize: 200, onBatch: (events) => batches.push(events) }).start();
      await harness.waitFor(head);
      // Each transaction takes what has arrived, up to the batch size: hundreds at a time from PostgreSQL's pages,
      // somewhat fewer from EventStoreDB's stream (however fast it delivers), never one by one.
      expect(Math.max(...batches)).toBeLessThanOrEqual(200);
      expect(batches.length).toBeLessThan(count / 20);
      const workload = incidentWorkload({ events: 60, seed: 5 });
      // Live: one command at a time, each waited for; the same workload's later commands land on the same incidents.
      for (let step = 0; step < 40; step++) workload.next();
      for (const decided of workload) {
        const [last] = (await appendEvents(harness.store, decided.events)).slice(-1);
        await harness.waitFor(last.position);
      }
      let seen = 0;
      const live = batches.filter((events) => (seen += events) > count);
      expect(live.length).toBeGreaterThan(0);
      expect(live.every((events) => events === 1)).toBe(true);
      await expectReadModelsToEqualPureTallies(harness);
    });
  });
}
