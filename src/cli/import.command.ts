import { Inject } from '@nestjs/common';
import { Presets, SingleBar } from 'cli-progress';
import { constants, createReadStream, statSync } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { Command, CommandRunner } from 'nest-commander';
import { InvalidInput } from '../common/invalid-input.js';
import { RUNTIME } from '../config/runtime.module.js';
import type { Runtime } from '../config/runtime.js';
import { NdjsonImportService } from '../incidents/audit/ndjson-import.service.js';

/** What an import that stopped midway leaves, and the way out: it writes only into an empty store. */
const partialStore = (events: number) =>
  `${events} events of the file were appended before it stopped: the store holds the start of the history, and import takes only an empty store. Start over with an empty one (a new DATA_DIR, or an empty database and event store).`;

@Command({ name: 'import', arguments: '<file>', description: 'Load an NDJSON export into an empty event store, keeping ids, order and hashes' })
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
    if (this.runtime.besideApp) throw new Error(`The app is running on DATA_DIR ${this.runtime.config.DATA_DIR}: stop it before importing; import must be the store's only writer`);
    const size = statSync(file).size;
    const bar = new SingleBar({ format: 'import [{bar}] {percentage}% | {events} events | ETA {eta_formatted}' }, Presets.shades_classic);
    let appended = 0;
    const interrupted = () => {
      bar.stop();
      console.error(`Import interrupted. ${partialStore(appended)}`);
      process.exit(130);
    };
    process.once('SIGINT', interrupted);
    bar.start(Math.max(1, size), 0, { events: 0 });
    try {
      await this.importer.import(() => createReadStream(file), {
        onProgress: (count, bytes) => bar.update(Math.min(bytes, size), { events: (appended = count) }),
      });
      bar.update(size);
    } catch (error) {
      throw appended > 0 ? new Error(`${(error as Error).message}. ${partialStore(appended)}`) : error;
    } finally {
      bar.stop();
      process.off('SIGINT', interrupted);
    }
    console.log(`Imported ${appended} events from ${file}. Projections catch up in the app (or run rebuild); then run verify.`);
  }
}
