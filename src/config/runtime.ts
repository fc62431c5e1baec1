import { runMigrations } from '../database/data-source.js';
import { type EmbeddedOptions, startEmbeddedPostgres } from '../database/embedded-postgres.js';
import type { Config } from './config.js';
import { ensureJwtSecret } from './jwt-secret.js';

/** What the app and the CLI need before Nest starts: a migrated database and the JWT secret. */
export interface Runtime {
  readonly config: Config;
  readonly databaseUrl: string;
  readonly jwtSecret: string;
  /** Migrations this start applied (none when the schema was up to date). */
  readonly appliedMigrations: readonly string[];
  /** True when this start generated the secret into DATA_DIR (no JWT_SECRET, no earlier secret file). */
  readonly generatedSecret: boolean;
  /** Stops what `startRuntime` started (the embedded PostgreSQL server, if any). */
  dispose(): Promise<void>;
}

/** Starts (or, with `embedded.attach`, joins) the embedded PostgreSQL unless DATABASE_URL is set, then migrates. */
export async function startRuntime(config: Config, embedded: EmbeddedOptions = {}): Promise<Runtime> {
  // First: a bad secret file stops start-up before a database is started for nothing.
  const { secret, generated } = ensureJwtSecret(config);
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
    jwtSecret: secret,
    generatedSecret: generated,
    dispose: async () => database?.stop(),
  };
}
