#!/usr/bin/env node
import type { DynamicModule } from '@nestjs/common';
import type { Command } from 'commander';
import type { CommandFactory as Factory } from 'nest-commander';
import type { checkCommand } from './cli/cli.module.js';
import { loadConfig } from './config/config.js';
import { describeStartupError } from './config/startup-error.js';

const OPTIONS: Parameters<typeof Factory.run>[1] = {
  logger: ['error', 'warn'],
  serviceErrorHandler: (error) => {
    console.error(error.message);
    process.exitCode = 1;
  },
};

/**
 * `incident-ledger <command>` (the `bin` of the package). Each command loads and starts only what it
 * needs: help nothing (no configuration, no database); `token` the server's secret (never a new one)
 * and its signer, without Nest; the others the database and event store in a Nest application
 * context without HTTP.
 */
async function main(args: string[]): Promise<void> {
  const command = args.find((arg) => !arg.startsWith('-'));
  if (command === 'token') {
    const { runTokenCommand } = await import('./cli/token.command.js');
    return runTokenCommand(process.argv, process.env);
  }
  const { CliModule, checkCommand, isCommand } = await import('./cli/cli.module.js');
  if (!command || !isCommand(command) || args.some(isHelp)) return runCommands(CliModule.forHelp());
  const config = loadConfig(process.env);
  // Arguments first: a mistyped option, value or file is answered at once, not after the database starts.
  await runCommands(CliModule.forHelp(), checkCommand);
  if (process.exitCode) return;
  const { startRuntime } = await import('./config/runtime.js');
  const runtime = await startRuntime(config, { attach: true });
  try {
    await runCommands(CliModule.forRoot(runtime));
  } finally {
    await runtime.dispose();
  }
}

/**
 * Runs the Nest application's commands, named as installed (`incident-ledger`), with `token` (which
 * runs without Nest) listed beside them in the help. With `check`: parses the arguments (options'
 * own rules included) and hands them to `check` instead of running the command; a refusal is
 * printed and sets the exit code.
 */
async function runCommands(module: DynamicModule, check?: typeof checkCommand): Promise<void> {
  const [{ CommandFactory }, { Commander }, { tokenCommand }] = await Promise.all([import('nest-commander'), import('nest-commander/src/constants.js'), import('./cli/token.command.js')]);
  const app = await CommandFactory.createWithoutRunning(module, OPTIONS);
  const program = app.get<Command>(Commander).name('incident-ledger').addCommand(tokenCommand(process.env));
  // An argument a command does not take is refused, not ignored (`verify extra` would otherwise verify).
  for (const command of program.commands) {
    command.allowExcessArguments(false);
    if (check) command.action(() => check(command.name(), command.args, command.opts()));
  }
  try {
    await CommandFactory.runApplication(app);
  } finally {
    await app.close();
  }
}

const isHelp = (arg: string): boolean => arg === '--help' || arg === '-h';

// Exit explicitly: open handles (pools, timers of libraries) must not keep a finished command alive.
main(process.argv.slice(2)).then(() => process.exit(process.exitCode ?? 0), (error: unknown) => {
  console.error(describeStartupError(error));
  process.exit(1);
});
