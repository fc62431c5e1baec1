import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runMigrations } from '../database/data-source.js';
import { type EmbeddedOptions, startEmbeddedPostgres } from '../database/embedded-postgres.js';
import type { Config } from './config.js';

/** What the app and the CLI need before Nest starts: a migrated database and the JWT secret. */
export interface Runtime {
  readonly config: Config;
  readonly databaseUrl: string;
  readonly jwtSecret: string;
  /** Migrations this start applied (none when the schema was up to date). */
  readonly appliedMigrations: readonly string[];
  /** True when no JWT_SECRET was configured and one was generated into DATA_DIR. */
  readonly generatedSecret: boolean;
  /** Stops what `startRuntime` started (the embedded PostgreSQL server, if any). */
  dispose(): Promise<void>;
}

function secretFromDataDir(dataDir: string): string {
  const file = join(resolve(dataDir), 'jwt-secret');
  if (!existsSync(file)) {
    mkdirSync(resolve(dataDir), { recursive: true, mode: 0o755 });
    writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
  }
  return readFileSync(file, 'utf8').trim();
}

/** Starts (or, with `embedded.attach`, joins) the embedded PostgreSQL unless DATABASE_URL is set, then migrates. */
export async function startRuntime(config: Config, embedded: EmbeddedOptions = {}): Promise<Runtime> {
  const database = config.DATABASE_URL ? undefined : await startEmbeddedPostgres(config.DATA_DIR, embedded);
  const databaseUrl = config.DATABASE_URL ?? database!.url;
  let appliedMigrations: string[];
  try {
    appliedMigrations = await runMigrations(databaseUrl);
  } catch (error) {
    await database?.stop();
    throw error;
  }
  return {
    config,
    databaseUrl,
    appliedMigrations,
    jwtSecret: config.JWT_SECRET ?? secretFromDataDir(config.DATA_DIR),
    generatedSecret: !config.JWT_SECRET,
    dispose: async () => database?.stop(),
  };
}
