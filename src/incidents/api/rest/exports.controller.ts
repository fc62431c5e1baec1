import { Controller, Get, Logger, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { pipeline, type Readable } from 'node:stream';
import { Roles } from '../../../auth/auth.decorators.js';
import { READ } from '../../../auth/roles.js';
import { ApiProblems } from '../../../openapi/api-responses.js';
import { IncidentExports } from '../../exports/incident-exports.service.js';
import { ReadConsistency } from '../../read-models/read-consistency.js';
import { AsOfFilterQueryDto, IncidentExportQueryDto, IncidentFilterQueryDto } from './exports.dto.js';

const logger = new Logger('ExportsController');

/**
 * Sends an export as an attachment; a client that disconnects ends it (and frees its cursor). A
 * failure once bytes are sent can only cut the response short (the client sees an incomplete body).
 */
function send(response: Response, body: Readable, type: string, filename: string): void {
  response.status(200).attachment(filename).type(type);
  pipeline(body, response, (error) => {
    if (error && error.code !== 'ERR_STREAM_PREMATURE_CLOSE') logger.error(`${filename} export failed: ${error.message}`);
  });
}

const CSV = 'text/csv';

/** docs/exports.md bulk exports for R, Python, Stata, Excel and QGIS, streamed (docs/exports.md has the columns). */
@ApiTags('exports')
@ApiBearerAuth()
@ApiProblems(400, 401, 403, 429, 503)
@Roles(...READ)
@Controller('exports')
export class ExportsController {
  constructor(
    private readonly exports: IncidentExports,
    private readonly consistency: ReadConsistency,
  ) {}

  @Get('incidents.csv')
  @ApiProduces(CSV)
  @ApiOkResponse({ description: 'RFC 4180 CSV, one row per incident, columns by `format`', content: { [CSV]: { schema: { type: 'string' } } } })
  async incidentsCsv(@Query() query: IncidentExportQueryDto, @Res() response: Response): Promise<void> {
    const { consistentWith, format = 'native', ...rest } = query;
    await this.consistency.waitFor(consistentWith);
    send(response, await this.exports.incidentsCsv(format, rest), `${CSV}; charset=utf-8`, `incidents-${format}.csv`);
  }

  @Get('records.csv')
  @ApiProduces(CSV)
  @ApiOkResponse({ description: 'RFC 4180 CSV, one row per record and note of the matching incidents, with corrected/retracted flags', content: { [CSV]: { schema: { type: 'string' } } } })
  async recordsCsv(@Query() query: IncidentFilterQueryDto, @Res() response: Response): Promise<void> {
    const { consistentWith, ...filter } = query;
    await this.consistency.waitFor(consistentWith);
    send(response, await this.exports.recordsCsv(filter), `${CSV}; charset=utf-8`, 'records.csv');
  }

  @Get('incidents.geojson')
  @ApiProduces('application/geo+json')
  @ApiOkResponse({ description: 'GeoJSON FeatureCollection (RFC 7946) of the incidents with coordinates, native columns as properties', content: { 'application/geo+json': { schema: { type: 'object' } } } })
  async geojson(@Query() query: AsOfFilterQueryDto, @Res() response: Response): Promise<void> {
    const { consistentWith, ...rest } = query;
    await this.consistency.waitFor(consistentWith);
    send(response, await this.exports.geojson(rest), 'application/geo+json; charset=utf-8', 'incidents.geojson');
  }
}
