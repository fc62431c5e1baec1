import { Presets, SingleBar } from 'cli-progress';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { Command, CommandRunner } from 'nest-commander';
import { checkOut, writeWhole } from './partial-file.js';
import { SingleOption } from './single-option.js';
import { parseUuid } from '../common/input-values.js';
import { EventStore } from '../event-store/event-store.port.js';
import { NdjsonExportService } from '../incidents/audit/ndjson-export.service.js';

interface ExportOptions {
  incident?: string;
  out?: string;
}

@Command({ name: 'export', description: 'Write the event history as NDJSON (one canonical-JSON envelope per line): export [--incident ID] [--out FILE]' })
export class ExportCommand extends CommandRunner {
  constructor(
    private readonly exporter: NdjsonExportService,
    private readonly store: EventStore,
  ) {
    super();
  }

  static async check(_: string[], options: ExportOptions): Promise<void> {
    if (options.out !== undefined) await checkOut(options.out);
  }

  async run(_: string[], options: ExportOptions): Promise<void> {
    // Opened before anything is read: a path that cannot be written ends the command with its message.
    await (options.out ? writeWhole(options.out, (file) => this.exportTo(file, options)) : this.exportTo(process.stdout, options));
  }

  private async exportTo(out: Writable, options: ExportOptions): Promise<void> {
    // Listened to from the start: a failed write ends the command with its error, not the process.
    const written = out === process.stdout ? undefined : finished(out);
    written?.catch(() => undefined);
    // The bar (on stderr) only when the NDJSON goes to a file, and for the whole store: positions measure its progress.
    const bar = options.out && !options.incident ? new SingleBar({ format: 'export [{bar}] {percentage}% | {events} events' }, Presets.shades_classic) : undefined;
    const head = await this.store.headPosition();
    let start: bigint | undefined;
    const events = await this.exporter.export(out, {
      incidentId: options.incident,
      onProgress: (count, position) => {
        start ??= position;
        if (bar && !bar.isActive) bar.start(Math.max(1, Number(head - start)), 0, { events: 0 });
        bar?.update(Number(position - start), { events: count });
      },
    });
    bar?.stop();
    // Every incident stream starts with its opening, so no events means no such incident.
    if (options.incident && events === 0) throw new Error(`No incident ${options.incident} in the event store`);
    if (written) {
      out.end();
      await written;
      console.error(`Exported ${events} events to ${options.out}`);
    }
  }

  @SingleOption({ flags: '-i, --incident <id>', description: 'only this incident' })
  parseIncident(value: string): string {
    return parseUuid(value, '--incident');
  }

  @SingleOption({ flags: '-o, --out <file>', description: 'file to write (default: standard output)' })
  parseOut(value: string): string {
    return value;
  }
}
