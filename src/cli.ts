import { CommandFactory } from 'nest-commander';
import { CliModule } from './cli/cli.module.js';
import { ConfigError, loadConfig } from './config/config.js';
import { startRuntime } from './config/runtime.js';

/**
 * `npm run cli -- <command>`: a Nest application context (no HTTP) on the same database and event store
 * as the app; while the app runs on the same DATA_DIR, a client of its embedded PostgreSQL.
 */
async function main(): Promise<void> {
  const runtime = await startRuntime(loadConfig(process.env), { attach: true });
  try {
    await CommandFactory.run(CliModule.forRoot(runtime), {
      logger: ['error', 'warn'],
      serviceErrorHandler: (error) => {
        console.error(error.message);
        process.exitCode = 1;
      },
    });
  } finally {
    await runtime.dispose();
  }
}

// Exit explicitly: open handles (pools, timers of libraries) must not keep a finished command alive.
main().then(() => process.exit(process.exitCode ?? 0), (error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
