import { Command, CommandRunner } from 'nest-commander';
import { SingleOption } from './single-option.js';
import { ExportRows } from '../incidents/exports/export-rows.js';
import { IncidentExports } from '../incidents/exports/incident-exports.service.js';
import { checkCsvExport, type ExportCsvOptions, writeCsvExport } from './export-csv-file.js';

@Command({
  name: 'export-csv',
  description: 'Write incidents (or, with --records, their records) as CSV, as GET /exports/incidents.csv and /exports/records.csv answer, with a progress bar',
})
export class ExportCsvCommand extends CommandRunner {
  constructor(
    private readonly exports: IncidentExports,
    private readonly rows: ExportRows,
  ) {
    super();
  }

  static check(_: string[], options: ExportCsvOptions): Promise<void> {
    return checkCsvExport(options);
  }

  async run(_: string[], options: ExportCsvOptions): Promise<void> {
    const { out, rows } = await writeCsvExport(this.exports, this.rows, options);
    console.log(`Exported ${rows} rows to ${out}`);
  }

  @SingleOption({ flags: '-f, --format <format>', description: 'native (default), acled or ucdp' })
  parseFormat(value: string): string {
    return value;
  }

  @SingleOption({ flags: '--records', description: 'one row per record (records.csv) instead of one per incident' })
  parseRecords(): boolean {
    return true;
  }

  @SingleOption({ flags: '--country <code>', description: 'ISO 3166-1 alpha-2' })
  parseCountry(value: string): string {
    return value;
  }

  @SingleOption({ flags: '--admin1 <name>', description: 'state or province' })
  parseAdmin1(value: string): string {
    return value;
  }

  @SingleOption({ flags: '--status <status>', description: 'open or closed' })
  parseStatus(value: string): string {
    return value;
  }

  @SingleOption({ flags: '--category <category>', description: 'battle, violence_against_civilians, explosion_remote_violence, riot, protest or strategic_development' })
  parseCategory(value: string): string {
    return value;
  }

  @SingleOption({ flags: '--occurred-from <time>', description: 'ISO-8601, inclusive' })
  parseOccurredFrom(value: string): string {
    return value;
  }

  @SingleOption({ flags: '--occurred-to <time>', description: 'ISO-8601, inclusive' })
  parseOccurredTo(value: string): string {
    return value;
  }

  @SingleOption({ flags: '--actor-id <uuid>', description: 'incidents that involve this actor (attached in any role, or a perpetrator)' })
  parseActorId(value: string): string {
    return value;
  }

  @SingleOption({ flags: '--actor-type <type>', description: 'incidents that involve an actor of this type (state_forces, political_militia, …)' })
  parseActorType(value: string): string {
    return value;
  }

  @SingleOption({ flags: '--as-of <time|position>', description: 'the incidents as known then, folded from the history' })
  parseAsOf(value: string): string {
    return value;
  }

  @SingleOption({ flags: '--best-policy <policy>', description: 'LATEST (the default), MOST_RELIABLE, CONSERVATIVE or MEDIAN' })
  parseBestPolicy(value: string): string {
    return value;
  }

  @SingleOption({ flags: '-o, --out <file>', description: 'file to write (default: incidents-<format>.csv or records.csv)' })
  parseOut(value: string): string {
    return value;
  }
}
