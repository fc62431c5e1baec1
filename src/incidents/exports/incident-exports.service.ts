import { Injectable } from '@nestjs/common';
import { stringify } from 'csv-stringify';
import { plainDecimal } from './plain-decimal.js';
import { pipeline, Readable } from 'node:stream';
import { SourceRegistryLog } from '../../sources/stored-events/source-registry-log.js';
import { resolveSource } from '../../sources/domain/source-directory.js';
import { AsOfTallyService } from '../audit/as-of-tally.service.js';
import { DEFAULT_BEST_POLICY, type BestPolicy } from '../domain/best-policy.js';
import { filterableOf, type IncidentFilter, matchesFilter } from '../domain/incident-filter.js';
import { type Cell, type Columns, type ExportContext, type ExportFormat, INCIDENT_COLUMNS, nativePropertiesOf, NO_REGISTRY } from './csv-columns.js';
import { byOccurrence, type ExportedIncident, exportedOfAsOf, exportedOfRow } from './exported-incident.js';
import { ExportRows } from './export-rows.js';
import { RECORD_COLUMNS } from './record-columns.js';

/** docs/exports.md's `incidents.csv` and `incidents.geojson` arguments (as validated by the REST DTO and the CLI). */
export interface IncidentExportQuery extends IncidentFilter {
  /** ISO-8601 time or decimal position: the incidents as known then, folded from the event history. */
  readonly asOf?: string;
  /** Which source figure is `best`; other than `LATEST`, the incidents are folded from the event history. */
  readonly bestPolicy?: BestPolicy;
}

/** Called once per row written (the CLI's progress bar). */
export type OnRow = () => void;

/**
 * docs/exports.md exports as streams of UTF-8 text: CSV through csv-stringify (RFC 4180: fields with a
 * comma, quote or line break quoted, quotes doubled, CRLF between records) and a GeoJSON
 * FeatureCollection. Without `asOf` the rows come from a database cursor (constant memory); with it
 * they are the incidents folded from `$all` up to then (`AsOfTallyService`), held in memory.
 */
@Injectable()
export class IncidentExports {
  constructor(
    private readonly rows: ExportRows,
    private readonly asOf: AsOfTallyService,
    private readonly registry: SourceRegistryLog,
  ) {}

  /** ACLED's `source_scale` reads the registry as it is now (from the event store), also for an `asOf` export. */
  async incidentsCsv(format: ExportFormat, query: IncidentExportQuery, onRow?: OnRow): Promise<Readable> {
    const context = format === 'acled' ? await this.registryContext() : NO_REGISTRY;
    return csvOf(INCIDENT_COLUMNS[format], await this.incidents(query), onRow, context);
  }

  private async registryContext(): Promise<ExportContext> {
    const directory = await this.registry.directory();
    return { scaleOf: (name) => resolveSource(directory, name).scale };
  }

  async recordsCsv(filter: IncidentFilter, onRow?: OnRow): Promise<Readable> {
    return csvOf(RECORD_COLUMNS, await this.rows.records(filter), onRow);
  }

  /** One Point feature per incident with coordinates (`[lon, lat]`, WGS 84), its native columns as properties. */
  async geojson(query: IncidentExportQuery): Promise<Readable> {
    const incidents = await this.incidents(query);
    async function* text() {
      yield '{"type":"FeatureCollection","features":[';
      let first = true;
      for await (const incident of incidents) {
        if (incident.lat === null || incident.lon === null) continue;
        const feature = { type: 'Feature', id: incident.incidentId, geometry: { type: 'Point', coordinates: [incident.lon, incident.lat] }, properties: nativePropertiesOf(incident) };
        yield `${first ? '' : ','}\n${JSON.stringify(feature)}`;
        first = false;
      }
      yield '\n]}\n';
    }
    return Readable.from(text(), { objectMode: false });
  }

  private async incidents({ asOf, bestPolicy = DEFAULT_BEST_POLICY, ...filter }: IncidentExportQuery): Promise<AsyncIterable<ExportedIncident> | Iterable<ExportedIncident>> {
    // The read model holds the default policy's tallies; other policies are folded like an asOf.
    if (asOf === undefined && bestPolicy === DEFAULT_BEST_POLICY) return mapped(await this.rows.incidents(filter), exportedOfRow);
    const { incidents, actors } = await this.asOf.known({ asOf, bestPolicy });
    const matching = incidents.filter((incident) => matchesFilter(filterableOf(incident), filter, actors));
    return matching.map((incident) => exportedOfAsOf(incident, actors)).sort(byOccurrence);
  }
}

async function* mapped<T, U>(rows: AsyncIterable<T>, map: (row: T) => U): AsyncGenerator<U> {
  for await (const row of rows) yield map(row);
}

function csvOf<T>(columns: Columns<T>, rows: AsyncIterable<T> | Iterable<T>, onRow?: OnRow, context = NO_REGISTRY): Readable {
  async function* cells(): AsyncGenerator<Cell[]> {
    for await (const row of rows) {
      yield columns.map(([, cell]) => cell(row, context));
      onRow?.();
    }
  }
  // csv-stringify quotes a field holding the record delimiter (CRLF), not one holding a bare CR or LF.
  const csv = stringify({ header: true, columns: columns.map(([name]) => name), record_delimiter: 'windows', quoted_match: /[\r\n]/, cast: { number: plainDecimal } });
  // A failing source destroys `csv` with its error, which its consumer sees; a consumer that stops
  // reading destroys `csv`, which ends the source (and releases its cursor).
  pipeline(Readable.from(cells()), csv, () => {});
  return csv;
}
