import { Presets, SingleBar } from 'cli-progress';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { Command, CommandRunner, Option } from 'nest-commander';
import { fieldErrors, InvalidInput } from '../common/invalid-input.js';
import { IncidentExportQueryDto } from '../incidents/api/rest/exports.dto.js';
import { ExportRows } from '../incidents/exports/export-rows.js';
import { IncidentExports } from '../incidents/exports/incident-exports.service.js';

type ExportCsvOptions = Record<string, string | boolean>;

/** Query parameters of `GET /exports/incidents.csv` taken as options (`--occurred-from` is `occurredFrom`), checked by the same DTO as REST. */
const QUERY_FIELDS = ['format', 'country', 'admin1', 'status', 'occurredFrom', 'occurredTo', 'asOf', 'bestPolicy'] as const;

@Command({
  name: 'export-csv',
  description: 'Write incidents (or, with --records, their records) as CSV, as GET /exports/incidents.csv and /exports/records.csv do, with a progress bar',
})
export class ExportCsvCommand extends CommandRunner {
  constructor(
    private readonly exports: IncidentExports,
    private readonly rows: ExportRows,
  ) {
    super();
  }

  async run(_: string[], options: ExportCsvOptions): Promise<void> {
    const query = await parsedQuery(options);
    const { format = 'native', bestPolicy: _latest, asOf, ...filter } = query;
    if (options.records && asOf !== undefined) throw new InvalidInput([{ field: '--as-of', message: '--as-of applies to incidents, not --records' }]);
    const out = typeof options.out === 'string' ? options.out : options.records ? 'records.csv' : `incidents-${format}.csv`;
    const bar = new SingleBar({ format: 'export-csv [{bar}] {percentage}% | {value}/{total} rows | ETA {eta_formatted}' }, Presets.shades_classic);
    bar.start(await this.rows.count(filter, options.records ? 'records' : 'incidents'), 0);
    let rows = 0;
    const onRow = () => bar.update(++rows);
    const csv = options.records ? await this.exports.recordsCsv(filter, onRow) : await this.exports.incidentsCsv(format, { ...filter, asOf }, onRow);
    try {
      await pipeline(csv, createWriteStream(out));
    } finally {
      // With --as-of the rows are the incidents known then, which the current count only approximates.
      bar.setTotal(rows);
      bar.stop();
    }
    console.error(`Exported ${rows} rows to ${out}`);
  }

  @Option({ flags: '-f, --format <format>', description: 'native (default), acled or ucdp' })
  parseFormat(value: string): string {
    return value;
  }

  @Option({ flags: '--records', description: 'one row per record (records.csv) instead of one per incident' })
  parseRecords(): boolean {
    return true;
  }

  @Option({ flags: '--country <code>', description: 'ISO 3166-1 alpha-2' })
  parseCountry(value: string): string {
    return value;
  }

  @Option({ flags: '--admin1 <name>', description: 'state or province' })
  parseAdmin1(value: string): string {
    return value;
  }

  @Option({ flags: '--status <status>', description: 'open or closed' })
  parseStatus(value: string): string {
    return value;
  }

  @Option({ flags: '--occurred-from <time>', description: 'ISO-8601, inclusive' })
  parseOccurredFrom(value: string): string {
    return value;
  }

  @Option({ flags: '--occurred-to <time>', description: 'ISO-8601, inclusive (a bare date: the whole day)' })
  parseOccurredTo(value: string): string {
    return value;
  }

  @Option({ flags: '--as-of <time|position>', description: 'the incidents as known then, folded from the history' })
  parseAsOf(value: string): string {
    return value;
  }

  @Option({ flags: '--best-policy <policy>', description: 'LATEST (the default and, so far, only policy)' })
  parseBestPolicy(value: string): string {
    return value;
  }

  @Option({ flags: '-o, --out <file>', description: 'file to write (default: incidents-<format>.csv or records.csv)' })
  parseOut(value: string): string {
    return value;
  }
}

/** The options as `IncidentExportQueryDto`, validated as REST validates the query string (errors name the flag). */
async function parsedQuery(options: ExportCsvOptions): Promise<IncidentExportQueryDto> {
  const plain = Object.fromEntries(QUERY_FIELDS.filter((field) => options[field] !== undefined).map((field) => [field, options[field]]));
  const query = plainToInstance(IncidentExportQueryDto, plain);
  const errors = fieldErrors(await validate(query, { whitelist: true, forbidNonWhitelisted: true }));
  const flagOf = (field: string) => `--${field.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;
  if (errors.length > 0) throw new InvalidInput(errors.map((error) => ({ field: flagOf(error.field), message: error.message })));
  return query;
}
