import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import type { DatePrecision, RecordEvent, Source } from '../../domain/events.js';
import { IncidentQueries } from '../incident-summary/incident.queries.js';
import { CURSOR_PARTS, Cursors, type Page, type PageRequest, pageOf, pageSize } from '../../../common/page.js';
import { IncidentRecordRow } from './incident-record.entity.js';

/** docs/api.md's timeline item. */
export interface TimelineEntry {
  readonly recordId: string;
  readonly type: RecordEvent['type'];
  readonly occurredAt: string;
  readonly datePrecision: DatePrecision;
  readonly recordedAt: string;
  readonly summary: string;
  /** The text `summary` shortens or leaves out: a note's text, a record's `note` (`null` when it has none). */
  readonly text: string | null;
  readonly source: Source;
  readonly corrected: boolean;
  readonly retracted: boolean;
}

const CURSORS = new Cursors<[string, number]>('timeline', [CURSOR_PARTS.time, CURSOR_PARTS.sequence]);

/** The columns a timeline item and its cursor are made of. */
type TimelineRow = Pick<IncidentRecordRow, 'incidentId' | 'recordId' | 'seq' | 'type' | 'data' | 'occurredAt' | 'datePrecision' | 'recordedAt' | 'summary' | 'corrected' | 'retracted'>;

const textOf = (data: RecordEvent['data']): string | null => ('text' in data ? data.text : (data.note ?? null));

const entryOf = (row: TimelineRow): TimelineEntry => ({
  recordId: row.recordId,
  type: row.type as RecordEvent['type'],
  // As the reporter gave it; the row's column is the instant the timeline is ordered by.
  occurredAt: (row.data as unknown as RecordEvent['data']).occurredAt,
  datePrecision: row.datePrecision as DatePrecision,
  recordedAt: row.recordedAt.toISOString(),
  summary: row.summary,
  text: textOf(row.data as unknown as RecordEvent['data']),
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

  /** Throws `INCIDENT.NOT_FOUND` for an unknown incident (an empty page means no records yet), `READ_MODEL.QUARANTINED` for one held back. */
  async timeline(incidentId: string, page: PageRequest): Promise<Page<TimelineEntry>> {
    await this.incidents.assertReadable(incidentId);
    const timeline = (await this.timelines([incidentId], page)).get(incidentId);
    if (timeline) return timeline;
    await this.incidents.assertKnown(incidentId);
    // Known now but not a moment ago: projected in between, so it had no records when read.
    return { items: [], nextCursor: null };
  }

  /**
   * The same page (`first`, `after`) of many incidents' timelines in one statement (GraphQL's
   * DataLoader batches into this); unknown ids are absent. Each incident's rows come from its own
   * `incident_records_timeline_idx` range scan stopped at the page size, however long its timeline.
   */
  async timelines(incidentIds: readonly string[], page: PageRequest): Promise<Map<string, Page<TimelineEntry>>> {
    const size = pageSize(page.first);
    const params: unknown[] = [incidentIds, size + 1];
    let after = '';
    if (page.after !== undefined) {
      params.push(...CURSORS.decode(page.after));
      after = 'AND (r.occurred_at, r.seq) > ($3::timestamptz, $4::integer)';
    }
    // The summary row says the incident is known; an incident without records yet gets one all-null record row.
    const rows: (TimelineRow | { incidentId: string; recordId: null })[] = await this.records.query(
      `SELECT s.incident_id AS "incidentId", r.record_id AS "recordId", r.seq, r.type, r.data, r.occurred_at AS "occurredAt",
              r.date_precision AS "datePrecision", r.recorded_at AS "recordedAt", r.summary, r.corrected, r.retracted
       FROM incident_summaries s
       LEFT JOIN LATERAL (
         SELECT * FROM incident_records r WHERE r.incident_id = s.incident_id ${after} ORDER BY r.occurred_at, r.seq LIMIT $2
       ) r ON true
       WHERE s.incident_id = ANY($1::uuid[])
       ORDER BY s.incident_id, r.occurred_at, r.seq`,
      params,
    );
    const rowsOf = new Map<string, TimelineRow[]>();
    for (const row of rows) {
      const timeline = rowsOf.get(row.incidentId) ?? [];
      rowsOf.set(row.incidentId, timeline);
      if (row.recordId !== null) timeline.push(row);
    }
    return new Map([...rowsOf].map(([incidentId, timeline]) => [incidentId, pageOf(timeline, size, entryOf, (row) => [row.occurredAt.toISOString(), row.seq] as [string, number], CURSORS)]));
  }
}
