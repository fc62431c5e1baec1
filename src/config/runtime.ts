import { runMigrations } from '../database/data-source.js';
import { type EmbeddedOptions, startEmbeddedPostgres } from '../database/embedded-postgres.js';
import type { Config } from './config.js';
import { ensureJwtSecret, existingJwtSecret } from './jwt-secret.js';

/** What the app and the CLI need before Nest starts: a migrated database and the JWT secret. */
export interface Runtime {
  readonly config: Config;
  readonly databaseUrl: string;
  /** Absent only for the CLI (`attach`) beside a server that keeps no secret in its DATA_DIR: the CLI's commands sign nothing. */
  readonly jwtSecret: string | undefined;
  /** Migrations this start applied (none when the schema was up to date). */
  readonly appliedMigrations: readonly string[];
  /** True when this start generated the secret into DATA_DIR (no JWT_SECRET, no earlier secret file). */
  readonly generatedSecret: boolean;
  /** The CLI's start beside the app running on the same `DATA_DIR` (`attach`): the app may write meanwhile. */
  readonly besideApp: boolean;
  /** Stops what `startRuntime` started (the embedded PostgreSQL server, if any). */
  dispose(): Promise<void>;
}

/**
 * Starts (or, with `embedded.attach`, the CLI's start, joins) the embedded PostgreSQL unless
 * DATABASE_URL is set, then migrates. The server makes a JWT secret when it has none; the CLI never does.
 */
export async function startRuntime(config: Config, embedded: EmbeddedOptions = {}): Promise<Runtime> {
  // First: a bad secret file stops start-up before a database is started for nothing.
  const { secret, generated } = embedded.attach ? { secret: existingJwtSecret(config), generated: false } : ensureJwtSecret(config);
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
    besideApp: database?.shared === true,
    dispose: async () => database?.stop(),
  };
}
