import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LOCK_FILE, lockDataDir } from '../../src/database/data-dir-lock.js';
import { startTime } from '../../src/database/processes.js';
import { unreachable } from '../../src/database/reachable.js';

describe('DATA_DIR lock', () => {
  let dir: string;
  let sleeper: ChildProcess;
  beforeAll(() => {
    sleeper = spawn('sleep', ['60']);
    dir = mkdtempSync(join(tmpdir(), 'data-dir-lock-'));
  });
  afterEach(() => rmSync(join(dir, LOCK_FILE), { force: true }));
  afterAll(() => {
    sleeper.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  const lockedBy = (pid: number, started: string | undefined) => writeFileSync(join(dir, LOCK_FILE), `${pid}\n${started}\n`);

  it('is taken when free, and release() removes it', () => {
    const lock = lockDataDir(dir);
    expect(lock.heldBy).toBeUndefined();
    expect(readFileSync(join(dir, LOCK_FILE), 'utf8')).toBe(`${process.pid}\n${startTime(process.pid)}\n`);
    if (lock.heldBy === undefined) lock.release();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  });

  it('reports the live process holding it', () => {
    lockedBy(sleeper.pid!, startTime(sleeper.pid!));
    expect(lockDataDir(dir)).toEqual({ heldBy: sleeper.pid });
  });

  it('is taken over from a dead process, and from a live PID that started at another time (PID reuse)', () => {
    for (const [pid, started] of [[2 ** 22 + 1, '1'], [sleeper.pid!, '1']] as const) {
      lockedBy(pid, started);
      expect(lockDataDir(dir).heldBy).toBeUndefined();
      rmSync(join(dir, LOCK_FILE));
    }
  });
});

describe('unreachable', () => {
  const stranger = { name: 'postgres', uid: 54321, gids: [54321] };
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'reachable-'));
    mkdirSync(join(dir, 'data'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('names the first directory the user cannot enter, the cause and the fix', () => {
    chmodSync(dir, 0o700);
    expect(unreachable(join(dir, 'data'), stranger, 'set DATA_DIR elsewhere')).toBe(
      `PostgreSQL runs as the "postgres" user, which cannot enter ${dir} (mode 0700, owner uid ${process.getuid!()}) on the way to ${join(dir, 'data')}; fix: chmod o+x ${dir}, or set DATA_DIR elsewhere`,
    );
  });

  it('lets the user through on the execute bit for everyone, its group, or its own directory', () => {
    chmodSync(dir, 0o701);
    expect(unreachable(join(dir, 'data'), stranger, '')).toBeUndefined();
    chmodSync(dir, 0o710);
    expect(unreachable(join(dir, 'data'), { ...stranger, gids: [process.getgid!()] }, '')).toBeUndefined();
    chmodSync(dir, 0o700);
    expect(unreachable(join(dir, 'data'), { ...stranger, uid: process.getuid!() }, '')).toBeUndefined();
  });
});
