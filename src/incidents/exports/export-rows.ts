import { Injectable } from '@nestjs/common';
import type { PoolClient } from 'pg';
import QueryStream from 'pg-query-stream';
import { DataSource, type SelectQueryBuilder } from 'typeorm';
import type { IncidentFilter } from '../domain/incident-filter.js';
import { filtered } from '../read-models/incident-summary/incident-filter.js';
import { IncidentSummaryRow } from '../read-models/incident-summary/incident-summary.entity.js';
import { EXPORTED_ACTORS_SQL, EXPORTED_SUMMARY_COLUMNS, type ExportedSummaryRow } from './exported-incident.js';
import { EXPORTED_RECORD_COLUMNS, type ExportedRecordRow } from './record-columns.js';

/** Rows per cursor fetch: a round trip per fetch, and at most this many rows (plus the consumer's buffers) in memory. */
const ROWS_PER_FETCH = 1_000;

/**
 * The read-model rows an export streams, from a server-side cursor (pg-query-stream on a connection
 * of TypeORM's pool): rows arrive `ROWS_PER_FETCH` at a time as the consumer reads them, so memory
 * stays flat however many incidents match. Each stream holds its connection until it ends or is
 * destroyed. Oldest `occurredAt` first, then incident id (then record order).
 */
@Injectable()
export class ExportRows {
  constructor(private readonly dataSource: DataSource) {}

  incidents(filter: IncidentFilter): Promise<AsyncIterable<ExportedSummaryRow>> {
    const query = this.matching(filter, EXPORTED_SUMMARY_COLUMNS.map((column) => `s.${column}`)).addSelect(EXPORTED_ACTORS_SQL, 'actors');
    return this.stream(query.orderBy('s.occurred_at').addOrderBy('s.incident_id'));
  }

  records(filter: IncidentFilter): Promise<AsyncIterable<ExportedRecordRow>> {
    const query = this.matching(filter, EXPORTED_RECORD_COLUMNS.map((column) => `r.${column}`)).innerJoin('incident_records', 'r', 'r.incident_id = s.incident_id');
    // The perpetrator as the actor it answers as, like the incident exports' actor columns (as named while the actors projection has not seen it).
    query
      .leftJoin('actors', 'pa', "pa.actor_id = (r.data->>'perpetratorActorId')::uuid")
      .leftJoin('actors', 'ps', 'ps.actor_id = pa.survivor_id')
      .addSelect("coalesce(ps.actor_id::text, r.data->>'perpetratorActorId')", 'perpetrator_actor_id')
      .addSelect('ps.name', 'perpetrator_name');
    return this.stream(query.orderBy('s.occurred_at').addOrderBy('s.incident_id').addOrderBy('r.seq'));
  }

  /** How many incidents, or records of them, match (a progress bar's total). */
  async count(filter: IncidentFilter, of: 'incidents' | 'records'): Promise<number> {
    const query = this.matching(filter, ['count(*)']);
    if (of === 'records') query.innerJoin('incident_records', 'r', 'r.incident_id = s.incident_id');
    const [sql, parameters] = query.getQueryAndParameters();
    const [{ count }]: { count: string }[] = await this.dataSource.query(sql, parameters);
    return Number(count);
  }

  /** The matching incidents' `columns` (raw SQL, named as selected), through the list's own filter so both match alike. */
  private matching(filter: IncidentFilter, columns: readonly string[]): SelectQueryBuilder<IncidentSummaryRow> {
    const query = this.dataSource.getRepository(IncidentSummaryRow).createQueryBuilder('s').select([]);
    for (const column of columns) query.addSelect(column, column.replace(/^\w\./, '').replace('(*)', ''));
    return filtered(query, filter);
  }

  /** Connects before returning, so an unreachable database fails the request before any byte is sent. */
  private async stream<T>(query: SelectQueryBuilder<IncidentSummaryRow>): Promise<AsyncIterable<T>> {
    const [sql, parameters] = query.getQueryAndParameters();
    const runner = this.dataSource.createQueryRunner();
    try {
      const connection = (await runner.connect()) as PoolClient;
      const rows = connection.query(new QueryStream(sql, parameters, { batchSize: ROWS_PER_FETCH }));
      rows.once('close', () => void runner.release());
      return rows;
    } catch (error) {
      await runner.release();
      throw error;
    }
  }
}
