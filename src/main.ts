import { Logger } from '@nestjs/common';
import { createServer } from 'node:net';
import { appLogger, createApp } from './app.factory.js';
import { loadConfig } from './config/config.js';
import { startRuntime } from './config/runtime.js';
import { describeStartupError } from './config/startup-error.js';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  // Before the database starts: its lines (an adopted server, a stale pid file) are the app's log too.
  Logger.overrideLogger(appLogger(config.LOG_LEVEL));
  await listenable(config.PORT);
  const logger = new Logger('main');
  const runtime = await startRuntime(config, { onLog: (line) => new Logger('postgres').log(line) });
  const app = await createApp(runtime).catch(async (error: unknown) => {
    await runtime.dispose();
    throw error;
  });
  // A port already taken must not leave the embedded database running behind the failed start.
  await app.listen(config.PORT).catch(async (error: unknown) => {
    await app.close();
    await runtime.dispose();
    throw error;
  });
  logger.log(`Incident Ledger on http://localhost:${config.PORT} (docs at /docs), database ${config.DATABASE_URL ? 'DATABASE_URL' : `embedded in ${config.DATA_DIR}`}`);
  if (runtime.generatedSecret) {
    // The CLI finds the secret where the server keeps it: the command names the DATA_DIR unless it is the default.
    const dataDir = process.env.DATA_DIR === undefined ? '' : `DATA_DIR=${shellWord(config.DATA_DIR)} `;
    logger.log(`JWT secret generated in ${config.DATA_DIR}/jwt-secret; mint a token with: ${dataDir}node dist/src/cli.js token --role reporter --sub alice`);
  }
  // Stop order matters: the HTTP server and subscriptions first (app.close runs the shutdown hooks), the database last.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      logger.log(`${signal}: shutting down`);
      void app
        .close()
        .then(() => runtime.dispose())
        .then(() => process.exit(0));
    });
  }
}

/** `text` as one word of a POSIX shell command: as is when plain, else single-quoted. */
const shellWord = (text: string): string => (/^[\w./:=@%+-]+$/.test(text) ? text : `'${text.replaceAll("'", "'\\''")}'`);

/**
 * Fails at once, before the database starts, when `port` cannot be listened on (taken, privileged),
 * with the error `app.listen` would give. `app.listen` still answers for the moment between.
 */
async function listenable(port: number): Promise<void> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, resolve));
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

main().catch((error: unknown) => {
  console.error(describeStartupError(error));
  process.exit(1);
});
