import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTime } from './processes.js';

/** Name of the lock file in `DATA_DIR`: the owning process's PID and start time, one per line. */
export const LOCK_FILE = 'incident-ledger.pid';

export type DataDirLock = { readonly heldBy: number } | { readonly heldBy?: undefined; release(): void };

const contents = (file: string): string => {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
};

/**
 * Takes `DATA_DIR`'s lock for this process, or reports the live process holding it (`heldBy`). A lock
 * left by a dead process, or naming a PID since reused by another process (its start time differs),
 * is taken over. `release()` removes the file if it is still ours.
 */
export function lockDataDir(root: string): DataDirLock {
  const file = join(root, LOCK_FILE);
  const mine = `${process.pid}\n${startTime(process.pid)}\n`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, mine, { flag: 'wx', mode: 0o644 });
      return { release: () => contents(file) === mine && rmSync(file, { force: true }) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const [pid, started] = contents(file).split('\n');
    const owner = Number(pid);
    if (owner > 0 && owner !== process.pid && startTime(owner) === started) return { heldBy: owner };
    rmSync(file, { force: true });
  }
  return { heldBy: Number(contents(file).split('\n')[0]) };
}
