import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '../../src/database/postmaster-supervisor.js';

/** The repository root, where `npm run build` (run by `npm ci`) puts `dist/`. */
export const ROOT = resolve(import.meta.dirname, '../..');

/** A built entry point such as `dist/src/cli.js`; tests of the built app need `npm run build` first. */
export function built(entry: string): string {
  const file = join(ROOT, entry);
  if (!existsSync(file)) throw new Error(`${entry} is missing: run npm run build (npm ci runs it) before these tests`);
  return file;
}

/** An empty temporary directory PostgreSQL's system user may enter (embedded PostgreSQL runs as it under root). */
export function tempDir(prefix: string): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  chmodSync(path, 0o755);
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

export interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a program to its end (whatever its exit code), from the repository root. */
export function run(file: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((done) => {
    execFile(file, args, { cwd: ROOT, env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

export interface StartedServer {
  readonly url: string;
  readonly dataDir: string;
  /** SIGTERM, as a process manager stops it; resolves once it exited; deletes its data. */
  stop(): Promise<void>;
}

/**
 * `node dist/src/main.js` as `npm start` runs it, with a fresh `DATA_DIR` (embedded PostgreSQL,
 * generated secret) on a free port; resolves once it announced that it listens.
 */
export async function startBuiltServer(): Promise<StartedServer> {
  const main = built('dist/src/main.js');
  const dataDir = tempDir('incident-ledger-server-');
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [main], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir.path, JWT_SECRET: '', DATABASE_URL: '', EVENTSTORE_CONNECTION_STRING: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise<void>((ready, fail) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(`Incident Ledger on http://localhost:${port}`)) ready();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => fail(new Error(`server exited with ${code} before listening:\n${output}`)));
  });
  return {
    url: `http://localhost:${port}`,
    dataDir: dataDir.path,
    stop: async () => {
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
      dataDir.remove();
    },
  };
}
