import { Inject } from '@nestjs/common';
import { Presets, SingleBar } from 'cli-progress';
import { constants, createReadStream, statSync } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { Command, CommandRunner } from 'nest-commander';
import { InvalidInput } from '../common/invalid-input.js';
import { RUNTIME } from '../config/runtime.module.js';
import type { Runtime } from '../config/runtime.js';
import { type ImportResult, NdjsonImportService } from '../incidents/audit/ndjson-import.service.js';
import { inputFault } from '../incidents/api/inputs/event-inputs.js';

/** What an import that stopped midway leaves (an append under way when it stopped may have been stored too), and the way on. */
const partialStore = (events: number) =>
  `The store holds the file's first ${events} events, or a few more: import the same file again to go on from there.`;

@Command({ name: 'import', arguments: '<file>', description: 'Load an NDJSON export into an empty event store (or go on with an import of the same file that stopped), keeping ids, order and hashes' })
export class ImportCommand extends CommandRunner {
  constructor(
    private readonly importer: NdjsonImportService,
    @Inject(RUNTIME) private readonly runtime: Runtime,
  ) {
    super();
  }

  /** Refuses, naming the argument, a `file` that is missing, not a regular file, or not readable. */
  static async check([file]: string[]): Promise<void> {
    const problem = await access(file, constants.R_OK).then(
      async () => ((await stat(file)).isFile() ? undefined : 'is not a file'),
      (error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? 'does not exist' : `cannot be read (${error.code})`),
    );
    if (problem) throw new InvalidInput([{ field: 'file', message: `${file} ${problem}` }]);
  }

  async run([file]: string[]): Promise<void> {
    // Another writer's events would interleave with the history's (or take one of its streams first).
    if (this.runtime.besideApp) throw new Error(`Another process (the app, or another command) is running on DATA_DIR ${this.runtime.config.DATA_DIR}: stop it before importing; import must be the store's only writer`);
    const size = statSync(file).size;
    const bar = new SingleBar({ format: 'import [{bar}] {percentage}% | {events} events | ETA {eta_formatted}' }, Presets.shades_classic);
    let inStore = 0;
    const interrupted = () => {
      bar.stop();
      console.error(`Import interrupted. ${partialStore(inStore)}`);
      process.exit(130);
    };
    process.once('SIGINT', interrupted);
    bar.start(Math.max(1, size), 0, { events: 0 });
    let result: ImportResult;
    try {
      result = await this.importer.import(() => createReadStream(file), {
        inputRules: inputFault,
        onProgress: (count, bytes) => bar.update(Math.min(bytes, size), { events: (inStore = count) }),
      });
      bar.update(size);
    } catch (error) {
      throw inStore > 0 ? new Error(`${(error as Error).message}. ${partialStore(inStore)}`) : error;
    } finally {
      bar.stop();
      process.off('SIGINT', interrupted);
    }
    const held = result.heldBefore > 0 ? ` (its first ${result.heldBefore} were in the store already)` : '';
    console.log(`Imported ${result.appended} events from ${file}${held}. Projections catch up in the app (or run rebuild); then run verify.`);
  }
}
