import { type DynamicModule, Module, type Provider, type Type } from '@nestjs/common';
import { PARAMTYPES_METADATA, SELF_DECLARED_DEPS_METADATA } from '@nestjs/common/constants.js';
import { CommandMeta } from 'nest-commander/src/constants.js';
import type { Runtime } from '../config/runtime.js';
import { CoreModule } from '../core.module.js';
import { ExportsModule } from '../incidents/exports/exports.module.js';
import { ActorsModule } from '../actors/actors.module.js';
import { IncidentsModule } from '../incidents/incidents.module.js';
import { ProjectionsModule } from '../projections/projections.module.js';
import { SourcesModule } from '../sources/sources.module.js';
import { DemoCommand } from './demo.command.js';
import { ExportCsvCommand } from './export-csv.command.js';
import { ExportCommand } from './export.command.js';
import { ImportCommand } from './import.command.js';
import { MigrateCommand } from './migrate.command.js';
import { RebuildCommand } from './rebuild.command.js';
import { VerifyCommand } from './verify.command.js';

/**
 * A command's class. Its static `check`, when it has one, refuses what `run` would refuse of the
 * arguments and options as commander parsed them (`InvalidInput` naming the option or argument),
 * needing no database, so the mistake is answered before one starts.
 */
type CommandClass = Type & { check?(args: string[], options: Record<string, unknown>): Promise<void> | void };

const COMMANDS: CommandClass[] = [MigrateCommand, DemoCommand, RebuildCommand, VerifyCommand, ExportCommand, ExportCsvCommand, ImportCommand];

const named = (name: string) => (command: CommandClass) => (Reflect.getMetadata(CommandMeta, command) as { name: string }).name === name;

/** Whether `name` names a command (so a typo starts no database, it gets the help). */
export const isCommand = (name: string): boolean => COMMANDS.some(named(name));

/** Runs command `name`'s `check` on its parsed arguments and options (nothing for a command without one); throws its refusal. */
export async function checkCommand(name: string, args: string[], options: Record<string, unknown>): Promise<void> {
  await COMMANDS.find(named(name))?.check?.(args, options);
}

/** Every command's constructor dependencies as `null`: printing help runs no command, so it needs no database. */
function noDependencies(): Provider[] {
  const tokens = new Set<unknown>();
  for (const command of COMMANDS) {
    const types: unknown[] = Reflect.getMetadata(PARAMTYPES_METADATA, command) ?? [];
    const declared: { index: number; param: unknown }[] = Reflect.getMetadata(SELF_DECLARED_DEPS_METADATA, command) ?? [];
    types.forEach((type, index) => tokens.add(declared.find((dependency) => dependency.index === index)?.param ?? type));
  }
  return [...tokens].map((token) => ({ provide: token as string, useValue: null }));
}

@Module({})
export class CliModule {
  static forRoot(runtime: Runtime): DynamicModule {
    return {
      module: CliModule,
      // Projections run in the app; the CLI starts one only to rebuild it.
      imports: [CoreModule.forRoot(runtime), IncidentsModule, ActorsModule, SourcesModule, ExportsModule, ProjectionsModule, ProjectionsModule.manualStart()],
      providers: COMMANDS,
    };
  }

  /** The commands for `--help` alone, started without configuration, database or secret. */
  static forHelp(): DynamicModule {
    return { module: CliModule, providers: [...COMMANDS, ...noDependencies()] };
  }
}
