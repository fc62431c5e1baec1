import { rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { withRetries } from '../common/retry.js';
import { type Binaries, pgCtlStart, pgCtlStop, type ServerUser } from './pg-ctl.js';
import { pidFilePath, readPidFile } from './postmaster.js';
import { isPostgresOf } from './processes.js';

/** How often the server's process is checked, and the pause between failed (re)start attempts. */
const CHECK_MS = 250;
/** A first start gives up after this long (a crashed server's backends must exit before it can restart). */
const START_TIMEOUT_MS = 30_000;

/** A TCP port free on 127.0.0.1 now (the OS picks it). */
export const freePort = (): Promise<number> =>
  new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
  });

/**
 * Keeps one PostgreSQL server running on a cluster directory for its owner: adopts a ready server
 * already running there, otherwise starts one, and restarts it on the same port (the URL the app's
 * pools hold) whenever its process is gone, until `stop()`.
 */
export class PostmasterSupervisor {
  private pid = 0;
  private port: number | undefined;
  private timer: NodeJS.Timeout | undefined;
  private restarting: Promise<void> | undefined;
  /** Aborted by `stop()`: ends a restart's pause at once. */
  private readonly stopping = new AbortController();

  constructor(
    private readonly bin: Binaries,
    private readonly clusterDir: string,
    private readonly user: ServerUser | undefined,
    private readonly onLog: (line: string) => void,
  ) {}

  /** Adopts or starts the server; resolves with its port once it accepts connections. */
  async start(): Promise<number> {
    await withRetries(() => this.ensureRunning(), { pauseMs: () => CHECK_MS, timeoutMs: START_TIMEOUT_MS, signal: this.stopping.signal });
    this.timer = setInterval(() => this.check(), CHECK_MS).unref();
    return this.port!;
  }

  /** Stops supervising, then stops the server (adopted or started) with a fast shutdown. */
  async stop(): Promise<void> {
    this.stopping.abort();
    clearInterval(this.timer);
    await this.restarting;
    if (isPostgresOf(this.pid, this.clusterDir)) await pgCtlStop(this.bin, this.clusterDir, this.user);
  }

  private check(): void {
    if (this.stopping.signal.aborted || this.restarting || isPostgresOf(this.pid, this.clusterDir)) return;
    this.onLog(`PostgreSQL (PID ${this.pid}) on ${this.clusterDir} is gone; restarting it on port ${this.port}`);
    this.restarting = this.restart().finally(() => (this.restarting = undefined));
  }

  /** Tries until the server runs again, or until `stop()`. */
  private async restart(): Promise<void> {
    const retrying = (error: unknown): boolean => (this.onLog(`PostgreSQL restart failed, retrying: ${(error as Error).message}`), true);
    await withRetries(() => this.ensureRunning(), { pauseMs: () => CHECK_MS, retryIf: retrying, signal: this.stopping.signal }).then(
      () => this.onLog(`PostgreSQL restarted (PID ${this.pid})`),
      () => undefined,
    );
  }

  /**
   * Adopts the server `postmaster.pid` names if it is a live PostgreSQL on this directory; otherwise
   * the file is stale (its PID dead, or reused by an unrelated process, as after a container restart),
   * and is removed (PostgreSQL itself refuses to start over a PID that is alive) before starting.
   */
  private async ensureRunning(): Promise<void> {
    const file = readPidFile(this.clusterDir);
    if (file && isPostgresOf(file.pid, this.clusterDir)) {
      if (file.status !== 'ready') throw new Error(`PostgreSQL (PID ${file.pid}) on ${this.clusterDir} is ${file.status || 'starting'}`);
      if (!this.port) this.onLog(`Adopted PostgreSQL (PID ${file.pid}) already running on ${this.clusterDir}; it stops with this process`);
      [this.pid, this.port] = [file.pid, file.port];
      return;
    }
    if (file) {
      this.onLog(`Removing stale ${pidFilePath(this.clusterDir)}: PID ${file.pid} is not a PostgreSQL server on this directory`);
      rmSync(pidFilePath(this.clusterDir), { force: true });
    }
    this.port ??= await freePort();
    await pgCtlStart(this.bin, this.clusterDir, this.user, this.port);
    this.pid = readPidFile(this.clusterDir)?.pid ?? 0;
  }
}
