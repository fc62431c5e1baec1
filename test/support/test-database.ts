import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { dataSourceOptions, runMigrations } from '../../src/database/data-source.js';
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres.js';
import { binaries } from '../../src/database/pg-ctl.js';

export interface TestDatabase {
  readonly url: string;
  /** Stops the server and deletes its files. */
  drop(): Promise<void>;
}

const tempDir = (prefix: string): string => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  chmodSync(dir, 0o755);
  return dir;
};

/**
 * A data directory whose cluster was made by `startEmbeddedPostgres` (initdb, then a clean stop),
 * shared by every test database of these binaries: copying it takes a tenth of what initdb takes.
 * The first worker to need it makes it; one that loses the race to name it drops its own.
 */
async function templateDataDir(): Promise<string> {
  const { postgres } = await binaries();
  const key = createHash('sha256').update(`${postgres}:${statSync(postgres).mtimeMs}:${process.getuid?.()}`).digest('hex').slice(0, 16);
  const template = join(tmpdir(), `incident-ledger-template-${key}`);
  if (existsSync(template)) return template;
  const made = tempDir('incident-ledger-template-');
  await (await startEmbeddedPostgres(made)).stop();
  try {
    renameSync(made, template);
  } catch {
    rmSync(made, { recursive: true, force: true });
  }
  return template;
}

/**
 * Starts a fresh embedded PostgreSQL server (real binaries, ~0.3 s) on a copy of the template
 * cluster in a temporary directory for one test file, so files run in parallel without sharing
 * state. Call `drop()` in `afterAll`.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const dir = tempDir('incident-ledger-test-');
  // `cp -a` keeps the owner: as root, the cluster belongs to the `postgres` user.
  execFileSync('cp', ['-a', join(await templateDataDir(), 'postgres'), dir]);
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
