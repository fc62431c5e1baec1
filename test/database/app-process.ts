import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { JwtService } from '@nestjs/jwt';
import { TokenService } from '../../src/auth/token.service.js';
import { systemClock } from '../../src/common/clock.js';
import { loadConfig } from '../../src/config/config.js';
import { freePort } from '../../src/database/postmaster-supervisor.js';
import { readPidFile } from '../../src/database/postmaster.js';
import { isPostgresOf } from '../../src/database/processes.js';
import { TEST_JWT_SECRET } from '../support/test-app.js';

const tokens = new TokenService(new JwtService({ secret: TEST_JWT_SECRET }), { config: loadConfig({ JWT_SECRET: TEST_JWT_SECRET }) }, systemClock);

/** A process of the compiled app or CLI, with what it printed so far. */
export interface Running {
  readonly child: ChildProcess;
  readonly port: number;
  output(): string;
  /** Resolves with the exit code (or signal name) once the process has exited. */
  readonly exited: Promise<number | string>;
}

/** Runs `node <script> ...args` with DATA_DIR set, on a free port unless `port` is given; the caller kills it (see `Processes`). */
export async function run(script: string, dataDir: string, args: readonly string[] = [], port?: number): Promise<Running> {
  port ??= await freePort();
  const env = { ...process.env, DATA_DIR: dataDir, PORT: String(port), JWT_SECRET: TEST_JWT_SECRET, LOG_LEVEL: 'info', RATE_LIMIT_PER_MINUTE: '0' };
  const child = spawn(process.execPath, [script, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | string>((resolveExit) => child.once('exit', (code, signal) => resolveExit(code ?? signal ?? -1)));
  return { child, port, output: () => output, exited };
}

/** Resolves once the app serves HTTP; rejects with its output if it exits first. */
export async function serving(app: Running): Promise<Running> {
  const ready = new Promise<void>((resolveReady) => {
    const check = () => app.output().includes('Incident Ledger on http') && resolveReady();
    app.child.stdout!.on('data', check);
    check();
  });
  const failed = app.exited.then((code) => Promise.reject(new Error(`app exited (${code}) before serving:\n${app.output()}`)));
  await Promise.race([ready, failed]);
  return app;
}

export interface Answer {
  readonly status: number;
  readonly retryAfter: string | null;
  readonly body: { incidentId?: string; position?: string };
}

const answer = async (response: Response): Promise<Answer> => ({
  status: response.status,
  retryAfter: response.headers.get('retry-after'),
  body: (await response.json()) as Answer['body'],
});

/** Opens a new incident over REST. */
export async function write(app: Running): Promise<Answer> {
  const response = await fetch(`http://127.0.0.1:${app.port}/incidents`, {
    method: 'POST',
    headers: { authorization: `Bearer ${tokens.issue('tester', ['reporter'])}`, 'content-type': 'application/json' },
    body: JSON.stringify({ incidentId: randomUUID(), title: 'Attack on Villa Unión', category: 'battle', occurredAt: '2019-11-30T12:00:00-06:00', location: { country: 'MX', admin1: 'Coahuila' } }),
  });
  return answer(response);
}

/** Reads an incident once the read models include `position` (the app waits up to 5 s, then answers 503). */
export async function read(app: Running, incidentId: string, position: string): Promise<Answer> {
  const url = `http://127.0.0.1:${app.port}/incidents/${incidentId}?consistentWith=${position}`;
  return answer(await fetch(url, { headers: { authorization: `Bearer ${tokens.issue('tester', ['analyst'])}` } }));
}

export const clusterOf = (dataDir: string) => join(dataDir, 'postgres');

/** The PID of the PostgreSQL server running on `dataDir`'s cluster, or `undefined`. */
export function postmasterOf(dataDir: string): number | undefined {
  const pid = readPidFile(clusterOf(dataDir))?.pid;
  return pid && isPostgresOf(pid, clusterOf(dataDir)) ? pid : undefined;
}

/** Resolves once `pid` is no longer a PostgreSQL server on `dataDir` (a SIGKILLed one is reaped by init). */
export async function gone(pid: number, dataDir: string): Promise<void> {
  while (isPostgresOf(pid, clusterOf(dataDir))) await new Promise((resolveTick) => setTimeout(resolveTick, 50));
}
