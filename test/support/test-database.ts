import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { dataSourceOptions, runMigrations } from '../../src/database/data-source.js';
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

/** A DataSource on its own test database; `close` destroys it and drops the database. */
export interface TestDataSource {
  readonly url: string;
  readonly dataSource: DataSource;
  close(): Promise<void>;
}

/** `createTestDatabase` with the app's migrations run (unless `migrate` is false) and a DataSource on it (with `entities`, when given). */
export async function testDataSource({ migrate = true, entities }: { migrate?: boolean; entities?: DataSourceOptions['entities'] } = {}): Promise<TestDataSource> {
  const db = await createTestDatabase();
  if (migrate) await runMigrations(db.url);
  const dataSource = await new DataSource({ ...dataSourceOptions(db.url), ...(entities && { entities }) }).initialize();
  return {
    url: db.url,
    dataSource,
    close: async () => {
      await dataSource.destroy();
      await db.drop();
    },
  };
}
