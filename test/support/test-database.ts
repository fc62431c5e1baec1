import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres.js';

export interface TestDatabase {
  readonly url: string;
  /** Stops the server and deletes its files. */
  drop(): Promise<void>;
}

/**
 * Starts a fresh embedded PostgreSQL server (real binaries, ~1 s) in a temporary directory for one
 * test file, so files run in parallel without sharing state. Call `drop()` in `afterAll`.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'incident-ledger-test-'));
  chmodSync(dir, 0o755);
  const database = await startEmbeddedPostgres(dir);
  return {
    url: database.url,
    drop: async () => {
      await database.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
