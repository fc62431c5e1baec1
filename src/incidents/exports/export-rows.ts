import { Injectable } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { filtered, type IncidentFilter } from '../read-models/incident-summary/incident-filter.js';
import { IncidentSummaryRow } from '../read-models/incident-summary/incident-summary.entity.js';
import { EXPORTED_SUMMARY_COLUMNS, type ExportedSummaryRow } from './exported-incident.js';
import { EXPORTED_RECORD_COLUMNS, type ExportedRecordRow } from './record-columns.js';

/**
 * The read-model rows an export streams, from a server-side cursor (pg-query-stream through
 * TypeORM's `QueryRunner.stream`): rows arrive in batches as the consumer reads them, so memory
 * stays flat however many incidents match. Each stream holds one pooled connection until it ends
 * or is destroyed. Oldest `occurredAt` first, then incident id (then record order).
 */
@Injectable()
export class ExportRows {
  constructor(private readonly dataSource: DataSource) {}

  incidents(filter: IncidentFilter): Promise<AsyncIterable<ExportedSummaryRow>> {
    const [ids, parameters] = this.matching(filter);
    return this.stream(
      `SELECT ${EXPORTED_SUMMARY_COLUMNS.split(', ').map((column) => `s.${column}`).join(', ')}
       FROM (${ids}) AS m JOIN incident_summaries s USING (incident_id) ORDER BY s.occurred_at, s.incident_id`,
      parameters,
    );
  }

  records(filter: IncidentFilter): Promise<AsyncIterable<ExportedRecordRow>> {
    const [ids, parameters] = this.matching(filter);
    return this.stream(
      `SELECT ${EXPORTED_RECORD_COLUMNS}
       FROM (${ids}) AS m JOIN incident_summaries s USING (incident_id) JOIN incident_records r USING (incident_id)
       ORDER BY s.occurred_at, s.incident_id, r.seq`,
      parameters,
    );
  }

  /** How many incidents, or records of them, match (a progress bar's total). */
  async count(filter: IncidentFilter, of: 'incidents' | 'records'): Promise<number> {
    const [ids, parameters] = this.matching(filter);
    const from = of === 'incidents' ? `(${ids}) AS m` : `(${ids}) AS m JOIN incident_records r USING (incident_id)`;
    const [{ count }]: { count: string }[] = await this.dataSource.query(`SELECT count(*) AS count FROM ${from}`, parameters);
    return Number(count);
  }

  /** The ids of the incidents the filter matches, as a statement (the list's own filter, so both match alike). */
  private matching(filter: IncidentFilter): [string, unknown[]] {
    return filtered(this.dataSource.getRepository(IncidentSummaryRow).createQueryBuilder('s').select('s.incidentId', 'incident_id'), filter).getQueryAndParameters();
  }

  /** Connects before returning, so an unreachable database fails the request before any byte is sent. */
  private async stream<T>(sql: string, parameters: unknown[]): Promise<AsyncIterable<T>> {
    const runner = this.dataSource.createQueryRunner();
    try {
      const rows: Readable = await runner.stream(sql, parameters);
      rows.once('close', () => void runner.release());
      return rows;
    } catch (error) {
      await runner.release();
      throw error;
    }
  }
}
