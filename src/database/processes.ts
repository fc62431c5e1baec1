import { readFileSync, readlinkSync, realpathSync } from 'node:fs';
import { basename } from 'node:path';

/** True if a process with this PID exists (EPERM: it exists but belongs to another user). */
export function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether `/proc` describes processes here (Linux); elsewhere only liveness can be checked. */
const HAS_PROC = (() => {
  try {
    readlinkSync('/proc/self/exe');
    return true;
  } catch {
    return false;
  }
})();

/**
 * Clock ticks after boot at which the process started (`/proc/<pid>/stat` field 22), `''` without
 * `/proc`, `undefined` when no such process or a zombie (dead, not yet reaped by its parent): with the
 * PID it names one process even after PID reuse.
 */
export function startTime(pid: number): string | undefined {
  if (!HAS_PROC) return isAlive(pid) ? '' : undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const [state, ...fields] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return state === 'Z' ? undefined : fields[18];
  } catch {
    return undefined;
  }
}

/**
 * True if `pid` is a running `postgres` server whose data directory is `dataDir`: PostgreSQL changes
 * into its data directory at start, so `/proc/<pid>/cwd` names it whatever the command line says.
 * A zombie or an unrelated process holding a reused PID answers false.
 */
export function isPostgresOf(pid: number, dataDir: string): boolean {
  if (!HAS_PROC) return isAlive(pid);
  try {
    return basename(readlinkSync(`/proc/${pid}/exe`)) === 'postgres' && readlinkSync(`/proc/${pid}/cwd`) === realpathSync(dataDir);
  } catch {
    return false;
  }
}
