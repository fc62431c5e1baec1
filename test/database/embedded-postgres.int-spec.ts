import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigrations } from '../../src/database/data-source.js';
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres.js';
import { pidFilePath } from '../../src/database/postmaster.js';
import { isAlive, startTime } from '../../src/database/processes.js';
import { compileEntries } from '../support/compile-entries.js';
import { type Answer, clusterOf, gone, postmasterOf, read, run, type Running, serving, write } from './app-process.js';

/**
 * The built app (and CLI) as real processes on their own DATA_DIR, killed the way operators and
 * containers kill them. Every process a test starts is SIGKILLed afterwards, and so is any server
 * left on its DATA_DIR.
 */
describe('embedded PostgreSQL lifecycle', () => {
  let root: string;
  let main: string;
  let cli: string;
  const started: ChildProcess[] = [];
  const dataDirs: string[] = [];

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'pg-lifecycle-'));
    chmodSync(root, 0o755);
    const template = async () => {
      const database = await startEmbeddedPostgres(join(root, 'template'));
      await runMigrations(database.url);
      await database.stop();
    };
    [[main, cli]] = await Promise.all([compileEntries(mkdtempSync(join(root, 'build-')), ['src/main.ts', 'src/cli.ts']), template()]);
  }, 240_000);
  afterEach(() => {
    for (const child of started.splice(0)) child.kill('SIGKILL');
    for (const dir of dataDirs.splice(0)) {
      const pid = postmasterOf(dir);
      if (pid) process.kill(pid, 'SIGKILL');
    }
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  /** A DATA_DIR where the app ran before and stopped cleanly (a copy of one made once: initdb and migrations take a while). */
  const dataDir = (): string => {
    const dir = join(root, `data-${dataDirs.length}-${Date.now()}`);
    execFileSync('cp', ['-a', join(root, 'template'), dir]);
    dataDirs.push(dir);
    return dir;
  };
  const start = async (script: string, dir: string, args: readonly string[] = [], port?: number): Promise<Running> => {
    const running = await run(script, dir, args, port);
    started.push(running.child);
    return running;
  };
  const startApp = async (dir: string) => serving(await start(main, dir));

  /** `kill -9` of the app and of its PostgreSQL: what a power cut or a container kill leaves behind. */
  const killBoth = async (app: Running, dir: string): Promise<void> => {
    const postmaster = postmasterOf(dir)!;
    app.child.kill('SIGKILL');
    process.kill(postmaster, 'SIGKILL');
    await Promise.all([app.exited, gone(postmaster, dir)]);
    expect(existsSync(pidFilePath(clusterOf(dir)))).toBe(true);
  };

  /** The PIDs of `parent`'s live children (Linux `/proc`). */
  const childrenOf = (parent: number): number[] =>
    readdirSync('/proc').filter((name) => /^\d+$/.test(name)).flatMap((pid) => {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(') ') + 2).split(' ')[1]) === parent ? [Number(pid)] : [];
      } catch {
        return []; // exited meanwhile
      }
    });

  /** A clean stop (SIGTERM) exits 0 and leaves no server running on `dir`. */
  const stopsCleanly = async (app: Running, dir: string): Promise<void> => {
    app.child.kill('SIGTERM');
    expect(await app.exited).toBe(0);
    expect(postmasterOf(dir)).toBeUndefined();
    expect(existsSync(pidFilePath(clusterOf(dir)))).toBe(false);
  };

  /** The PID of a zombie: a process that has exited but that its parent (here a `sleep`) never reaps. */
  const zombie = async (): Promise<number> => {
    const parent = spawn('sh', ['-c', 'sleep 0 & echo $!; exec sleep 120']);
    started.push(parent);
    const [line] = (await once(parent.stdout, 'data')) as [Buffer];
    const pid = Number(line.toString().trim());
    while (startTime(pid) !== undefined) await new Promise((resolveTick) => setTimeout(resolveTick, 20));
    expect(isAlive(pid)).toBe(true);
    return pid;
  };

  it('starts over a stale postmaster.pid whose PID is dead, or dead but not yet reaped (a zombie)', async () => {
    const dir = dataDir();
    await killBoth(await startApp(dir), dir);
    const app = await startApp(dir);
    expect((await write(app)).status).toBe(201);
    await killBoth(app, dir);
    const file = pidFilePath(clusterOf(dir));
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^\d+/, String(await zombie())));
    const again = await startApp(dir);
    expect((await write(again)).status).toBe(201);
    await stopsCleanly(again, dir);
  }, 360_000);

  it('starts over a postmaster.pid naming an unrelated live process, and leaves that process alone', async () => {
    const dir = dataDir();
    await killBoth(await startApp(dir), dir);
    const sleeper = spawn('sleep', ['120']);
    started.push(sleeper);
    const file = pidFilePath(clusterOf(dir));
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^\d+/, String(sleeper.pid)));
    const app = await startApp(dir);
    expect((await write(app)).status).toBe(201);
    expect(sleeper.exitCode).toBeNull();
    expect(sleeper.signalCode).toBeNull();
    await stopsCleanly(app, dir);
  }, 240_000);

  it('restarts a SIGKILLed PostgreSQL: writes answer 503 with Retry-After meanwhile and succeed again once it is back, same app process', async () => {
    const dir = dataDir();
    const app = await startApp(dir);
    expect((await write(app)).status).toBe(201);
    const killed = postmasterOf(dir)!;
    // The whole server at once: a backend the postmaster leaves behind serves its connection until it notices.
    for (const pid of [killed, ...childrenOf(killed)]) process.kill(pid, 'SIGKILL');
    const meanwhile: Answer[] = [];
    let written = await write(app);
    for (; written.status !== 201; written = await write(app)) {
      meanwhile.push(written);
      await new Promise((resolveTick) => setTimeout(resolveTick, 100));
    }
    expect(meanwhile.length).toBeGreaterThan(0);
    // Written by a new postmaster the app started, not by one that happened to survive.
    expect(postmasterOf(dir)).not.toBe(killed);
    for (const { status, retryAfter } of meanwhile) expect({ status, retryAfter }).toEqual({ status: 503, retryAfter: expect.stringMatching(/^\d+$/) });
    // The projection resumed too (lock, LISTEN and pools reconnected): the read model reaches the new write.
    const { incidentId, position } = written.body;
    expect((await read(app, incidentId!, position!)).status).toBe(200);
    expect(app.child.exitCode).toBeNull();
    await stopsCleanly(app, dir);
  }, 240_000);

  it('adopts the server an app killed with SIGKILL left running, and stops it on a clean stop', async () => {
    const dir = dataDir();
    const first = await startApp(dir);
    const orphan = postmasterOf(dir)!;
    first.child.kill('SIGKILL');
    await first.exited;
    expect(postmasterOf(dir)).toBe(orphan);
    const second = await startApp(dir);
    // A line of the app's JSON log, like every other.
    const adopted = second.output().split('\n').find((line) => line.includes(`Adopted PostgreSQL (PID ${orphan})`));
    expect(JSON.parse(adopted!)).toMatchObject({ level: 'log', context: 'postgres' });
    expect(postmasterOf(dir)).toBe(orphan);
    expect((await write(second)).status).toBe(201);
    await stopsCleanly(second, dir);
  }, 240_000);

  it('runs on a DATA_DIR holding spaces, quotes, `$` and backquotes (which a shell would expand): creates, adopts and restarts its server, the data kept, the CLI beside it', async () => {
    const dir = join(root, 'a b$HOME`x`"q\'');
    dataDirs.push(dir);
    const first = await startApp(dir);
    const { status, body } = await write(first);
    expect(status).toBe(201);
    const orphan = postmasterOf(dir)!;
    first.child.kill('SIGKILL');
    await first.exited;
    const adopting = await startApp(dir);
    expect(adopting.output()).toContain(`Adopted PostgreSQL (PID ${orphan})`);
    expect((await read(adopting, body.incidentId!, body.position!)).status).toBe(200);
    // The CLI finds the app's server there too.
    expect(await (await start(cli, dir, ['migrate'])).exited).toBe(0);
    await stopsCleanly(adopting, dir);
    const restarted = await startApp(dir);
    expect((await read(restarted, body.incidentId!, body.position!)).status).toBe(200);
    await stopsCleanly(restarted, dir);
  }, 240_000);

  it('refuses a second app on the same DATA_DIR with one clear line; the CLI still works next to the app', async () => {
    const dir = dataDir();
    const app = await startApp(dir);
    const second = await start(main, dir);
    expect(await second.exited).toBe(1);
    expect(second.output().trim()).toBe(`DATA_DIR ${dir} is in use by another Incident Ledger process (PID ${app.child.pid}); stop it, or set DATA_DIR to another directory`);
    const migrate = await start(cli, dir, ['migrate']);
    expect(await migrate.exited).toBe(0);
    expect((await write(app)).status).toBe(201);
    await stopsCleanly(app, dir);
  }, 240_000);

  it('names a PORT already in use in one line, before starting PostgreSQL', async () => {
    const app = await startApp(dataDir());
    const dir = dataDir();
    const second = await start(main, dir, [], app.port);
    expect(await second.exited).toBe(1);
    expect(second.output().trim()).toBe(`PORT ${app.port} is already in use: stop what listens there or set PORT to a free port.`);
    expect(existsSync(join(dir, 'postgres', 'postmaster.pid'))).toBe(false);
  }, 240_000);

  it('names a DATA_DIR that is a file in one line, for the app and the CLI', async () => {
    const file = join(root, `file-${Date.now()}`);
    writeFileSync(file, '');
    for (const [script, args] of [[main, []], [cli, ['migrate']]] as const) {
      const child = await start(script, file, args);
      expect(await child.exited).toBe(1);
      expect(child.output().trim().split('\n').at(-1)).toBe(`${file} is not a directory: set DATA_DIR to a directory (or a path to create).`);
    }
  }, 60_000);

  it('names the directory PostgreSQL cannot enter, the cause and the fix in one line (as root)', async () => {
    expect(process.getuid?.()).toBe(0);
    const closed = mkdtempSync(join(root, 'closed-'));
    chmodSync(closed, 0o700);
    const dir = join(closed, 'data');
    dataDirs.push(dir);
    const app = await start(main, dir);
    expect(await app.exited).toBe(1);
    expect(app.output().trim()).toBe(
      `Cannot start the embedded PostgreSQL: PostgreSQL runs as the "postgres" user, which cannot enter ${closed} (mode 0700, owner uid 0) on the way to ${dir}; fix: chmod o+x ${closed}, or set DATA_DIR to a directory outside it`,
    );
  }, 60_000);
});
