import { Presets, SingleBar } from 'cli-progress';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { pipeline } from 'node:stream/promises';
import { fieldErrors, InvalidInput } from '../common/invalid-input.js';
import { IncidentExportQueryDto, IncidentFilterQueryDto } from '../incidents/api/rest/exports.dto.js';
import { parseAsOf } from '../incidents/audit/as-of.js';
import type { ExportRows } from '../incidents/exports/export-rows.js';
import type { IncidentExports } from '../incidents/exports/incident-exports.service.js';
import { checkOut, writeWhole } from './partial-file.js';

/** `export-csv`'s options as commander gives them (`--occurred-from` is `occurredFrom`). */
export type ExportCsvOptions = Readonly<Record<string, string | boolean | undefined>>;

/** Query parameters of `GET /exports/incidents.csv` taken as options, checked by the same DTO as REST. */
const QUERY_FIELDS = ['format', 'country', 'admin1', 'status', 'category', 'occurredFrom', 'occurredTo', 'actorId', 'actorType', 'asOf', 'bestPolicy'] as const;

/** `--occurred-from` for `occurredFrom`: the CLI names a field by the option that gives it. */
const flagOf = (field: string): string => (field.startsWith('--') ? field : `--${field.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`);

/**
 * Refuses what `writeCsvExport` would refuse of `options` before it reads anything (the query's
 * rules, `--as-of` with `--records`, an `--out` it cannot write), so the CLI answers it before a
 * database starts. Throws `InvalidInput` naming the flags.
 */
export const checkCsvExport = (options: ExportCsvOptions): Promise<void> =>
  namedByFlag(async () => {
    await checkedQuery(options);
    if (typeof options.out === 'string') await checkOut(options.out);
  });

/**
 * Writes what `GET /exports/incidents.csv` (or, with `records`, `/exports/records.csv`) would answer
 * to `options.out`, with a progress bar on stderr; returns the file name and the rows written.
 * Invalid options throw `InvalidInput` naming the flag.
 */
export const writeCsvExport = (exports: IncidentExports, rows: ExportRows, options: ExportCsvOptions): Promise<{ out: string; rows: number }> =>
  namedByFlag(() => exportToFile(exports, rows, options));

async function namedByFlag<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    // Refused values are named by option, whichever layer refused them (the DTO, or `asOf` while folding); the rule's words stay as given.
    throw error instanceof InvalidInput ? new InvalidInput(error.errors.map(({ field, message }) => ({ field: flagOf(field), message })), error.code) : error;
  }
}

async function exportToFile(exports: IncidentExports, rows: ExportRows, options: ExportCsvOptions): Promise<{ out: string; rows: number }> {
  const { format = 'native', bestPolicy, asOf, ...filter } = await checkedQuery(options);
  const out = typeof options.out === 'string' ? options.out : options.records ? 'records.csv' : `incidents-${format}.csv`;
  const bar = new SingleBar({ format: 'export-csv [{bar}] {percentage}% | {value}/{total} rows | ETA {eta_formatted}' }, Presets.shades_classic);
  let written = 0;
  await writeWhole(out, async (file) => {
    try {
      bar.start(await rows.count(filter, options.records ? 'records' : 'incidents'), 0);
      const onRow = () => bar.update(++written);
      const csv = options.records ? await exports.recordsCsv(filter, onRow) : await exports.incidentsCsv(format, { ...filter, asOf, bestPolicy }, onRow);
      await pipeline(csv, file);
    } finally {
      // With an asOf the rows are the incidents known then, which today's count only approximates.
      bar.setTotal(written);
      bar.stop();
    }
  });
  return { out, rows: written };
}

/**
 * The query the options give, checked by the DTO of the REST route they stand for (`records.csv`
 * takes the filters alone: `--format`, `--as-of` and `--best-policy` are refused beside `--records`),
 * and `asOf` by its parser (as the fold will parse it).
 */
async function checkedQuery(options: ExportCsvOptions): Promise<IncidentExportQueryDto> {
  const plain = Object.fromEntries(QUERY_FIELDS.filter((field) => options[field] !== undefined).map((field) => [field, options[field]]));
  const query: IncidentExportQueryDto = plainToInstance(options.records ? IncidentFilterQueryDto : IncidentExportQueryDto, plain);
  const errors = fieldErrors(await validate(query, { whitelist: true, forbidNonWhitelisted: true }));
  if (errors.length > 0) throw new InvalidInput(errors);
  if (query.asOf !== undefined) parseAsOf(query.asOf);
  return query;
}
