import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import type { DatePrecision, RecordEvent, Source } from '../../domain/events.js';
import { IncidentQueries } from '../incident-summary/incident.queries.js';
import { decodeCursor, type Page, type PageRequest, pageOf, pageSize } from '../page.js';
import { IncidentRecordRow } from './incident-record.entity.js';

/** SPEC §5's timeline item. */
export interface TimelineEntry {
  readonly recordId: string;
  readonly type: RecordEvent['type'];
  readonly occurredAt: string;
  readonly datePrecision: DatePrecision;
  readonly recordedAt: string;
  readonly summary: string;
  readonly source: Source;
  readonly corrected: boolean;
  readonly retracted: boolean;
}

const isTimelineKey = (key: unknown): key is [string, number] =>
  Array.isArray(key) && key.length === 2 && typeof key[0] === 'string' && !Number.isNaN(Date.parse(key[0])) && Number.isInteger(key[1]);

const entryOf = (row: IncidentRecordRow): TimelineEntry => ({
  recordId: row.recordId,
  type: row.type as RecordEvent['type'],
  occurredAt: row.occurredAt.toISOString(),
  datePrecision: row.datePrecision as DatePrecision,
  recordedAt: row.recordedAt.toISOString(),
  summary: row.summary,
  source: (row.data as unknown as RecordEvent['data']).source,
  corrected: row.corrected,
  retracted: row.retracted,
});

/** An incident's records and notes in world-time order (`occurredAt`, then the order recorded). */
@Injectable()
export class TimelineQueries {
  constructor(
    @InjectRepository(IncidentRecordRow) private readonly records: Repository<IncidentRecordRow>,
    private readonly incidents: IncidentQueries,
  ) {}

  /** Throws `INCIDENT.NOT_FOUND` for an unknown incident (an empty page means no records yet). */
  async timeline(incidentId: string, page: PageRequest): Promise<Page<TimelineEntry>> {
    const size = pageSize(page.first);
    const query = this.records.createQueryBuilder('r').where('r.incidentId = :incidentId', { incidentId });
    if (page.after !== undefined) {
      const [occurredAt, seq] = decodeCursor(page.after, isTimelineKey);
      query.andWhere('(r.occurredAt, r.seq) > (:occurredAt::timestamptz, :seq::integer)', { occurredAt, seq });
    }
    const rows = await query.orderBy('r.occurredAt', 'ASC').addOrderBy('r.seq', 'ASC').limit(size + 1).getMany();
    if (rows.length === 0) await this.incidents.assertKnown(incidentId);
    return pageOf(rows, size, entryOf, (row) => [row.occurredAt.toISOString(), row.seq]);
  }
}
