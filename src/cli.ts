#!/usr/bin/env node
import { CommandFactory } from 'nest-commander';
import { loadConfig, loadSecretConfig } from './config/config.js';
import { describeStartupError } from './config/startup-error.js';

const OPTIONS: Parameters<typeof CommandFactory.run>[1] = {
  logger: ['error', 'warn'],
  serviceErrorHandler: (error) => {
    console.error(error.message);
    process.exitCode = 1;
  },
};

/**
 * `incident-ledger <command>` (the `bin` of the package). Each command loads and starts only what it
 * needs: help nothing (no configuration, no database); `token` the server's secret (never a new one);
 * the others the database and event store in a Nest application context without HTTP.
 */
async function main(args: string[]): Promise<void> {
  const command = args.find((arg) => !arg.startsWith('-'));
  if (command === 'token' && !args.some(isHelp)) {
    const { readJwtSecret } = await import('./config/jwt-secret.js');
    const config = loadSecretConfig(process.env);
    const secret = readJwtSecret(config);
    const { TokenCliModule } = await import('./cli/token-cli.module.js');
    return CommandFactory.run(TokenCliModule.signingWith(secret, config), OPTIONS);
  }
  const { CliModule, isCommand } = await import('./cli/cli.module.js');
  if (!command || !isCommand(command) || args.some(isHelp)) return CommandFactory.run(CliModule.forHelp(), OPTIONS);
  const config = loadConfig(process.env);
  const { startRuntime } = await import('./config/runtime.js');
  const runtime = await startRuntime(config, { attach: true });
  try {
    await CommandFactory.run(CliModule.forRoot(runtime), OPTIONS);
  } finally {
    await runtime.dispose();
  }
}

const isHelp = (arg: string): boolean => arg === '--help' || arg === '-h';

// Exit explicitly: open handles (pools, timers of libraries) must not keep a finished command alive.
main(process.argv.slice(2)).then(() => process.exit(process.exitCode ?? 0), (error: unknown) => {
  console.error(describeStartupError(error));
  process.exit(1);
});
