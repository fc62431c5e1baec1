import { Presets, SingleBar } from 'cli-progress';
import { createReadStream, statSync } from 'node:fs';
import { Command, CommandRunner } from 'nest-commander';
import { NdjsonImportService } from '../incidents/audit/ndjson-import.service.js';

@Command({ name: 'import', arguments: '<file>', description: 'Load an NDJSON export into an empty event store, keeping ids, order and hashes' })
export class ImportCommand extends CommandRunner {
  constructor(private readonly importer: NdjsonImportService) {
    super();
  }

  async run([file]: string[]): Promise<void> {
    const size = statSync(file).size;
    const bar = new SingleBar({ format: 'import [{bar}] {percentage}% | {events} events | ETA {eta_formatted}' }, Presets.shades_classic);
    bar.start(Math.max(1, size), 0, { events: 0 });
    const events = await this.importer.import(() => createReadStream(file), {
      onProgress: (count, bytes) => bar.update(Math.min(bytes, size), { events: count }),
    });
    bar.update(size);
    bar.stop();
    console.log(`Imported ${events} events from ${file}. Projections catch up in the app (or run rebuild); then run verify.`);
  }
}
