import type { EventStoreUnderTest } from './event-stores.js';
import { startTestApp, type TestApp } from './test-app.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

/**
 * The whole app for the enclosing `describe`, on a database and event store (from `eventStore()`) of
 * its own: started in `beforeAll`, closed and dropped in `afterAll`. Call the result inside tests.
 */
export function appPerSuite(eventStore: () => Promise<EventStoreUnderTest>): () => TestApp {
  let db: TestDatabase | undefined;
  let store: EventStoreUnderTest | undefined;
  let t: TestApp | undefined;
  beforeAll(async () => {
    [db, store] = await Promise.all([createTestDatabase(), eventStore()]);
    t = await startTestApp(db.url, store.connectionString);
  });
  afterAll(async () => {
    await t?.close();
    await store?.dispose();
    await db?.drop();
  });
  return () => t!;
}
