import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** What PostgreSQL writes to `<cluster>/postmaster.pid` (one field a line). */
export interface PidFile {
  readonly pid: number;
  readonly port: number;
  /** `starting`, `ready`, `stopping` or `standby` (absent while the server is starting). */
  readonly status: string;
}

export const pidFilePath = (clusterDir: string) => join(clusterDir, 'postmaster.pid');

/** The server's `postmaster.pid`, or `undefined` when there is none (see PostgreSQL's `pidfile.h` for the layout). */
export function readPidFile(clusterDir: string): PidFile | undefined {
  let lines: string[];
  try {
    lines = readFileSync(pidFilePath(clusterDir), 'utf8').split('\n');
  } catch {
    return undefined;
  }
  return { pid: Number(lines[0]), port: Number(lines[3]), status: (lines[7] ?? '').trim() };
}
