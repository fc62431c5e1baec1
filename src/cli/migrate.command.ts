import { Inject } from '@nestjs/common';
import { Command, CommandRunner } from 'nest-commander';
import { RUNTIME } from '../config/runtime.module.js';
import type { Runtime } from '../config/runtime.js';

@Command({ name: 'migrate', description: 'Apply pending database migrations (DATABASE_URL, or the embedded database)' })
export class MigrateCommand extends CommandRunner {
  constructor(@Inject(RUNTIME) private readonly runtime: Runtime) {
    super();
  }

  // The CLI migrates while starting (see cli.ts), so by now this only reports what that applied.
  async run(): Promise<void> {
    const applied = this.runtime.appliedMigrations;
    console.log(applied.length ? `Applied ${applied.length} migration(s):\n  ${applied.join('\n  ')}` : 'Schema is up to date.');
  }
}
