import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { type Page, pageSize } from '../../../common/page.js';
import { IncidentSummaryRow } from './incident-summary.entity.js';

/** How an incident's read model last changed: `merged` once merged into another (docs/merge.md), `closed` while it is closed, else `changed`. */
export const CHANGE_KINDS = ['changed', 'merged', 'closed'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

/** docs/exports.md's change feed item: `position` is that of the last event applied to the incident (a decimal string). */
export interface ChangeFeedItem {
  readonly incidentId: string;
  readonly position: string;
  readonly change: ChangeKind;
}

/**
 * `GET /changes`: every incident whose read model changed after a position, once (its latest
 * change), in position order. Each summary row keeps the position of the last event applied to it,
 * and the projection commits in `$all` order, so whatever commits later carries a higher position
 * than anything read before: a client that resumes after the last position it read misses nothing.
 */
@Injectable()
export class ChangeFeedQueries {
  constructor(@InjectRepository(IncidentSummaryRow) private readonly summaries: Repository<IncidentSummaryRow>) {}

  /** `after` is a position (decimal string, `0` for everything); `nextCursor` is the last item's position while more follow. */
  async changes(after: string, first: number | undefined): Promise<Page<ChangeFeedItem>> {
    const size = pageSize(first);
    const rows: { incident_id: string; position: string; status: string; merged_into: string | null }[] = await this.summaries.query(
      'SELECT incident_id, position, status, merged_into FROM incident_summaries WHERE position > $1 ORDER BY position LIMIT $2',
      [after, size + 1],
    );
    const items = rows.slice(0, size).map((row) => ({ incidentId: row.incident_id, position: row.position, change: changeOf(row) }));
    return { items, nextCursor: rows.length > size ? items.at(-1)!.position : null };
  }

  /** The position of the latest change in the feed (`0` when it is empty): `changes(head())` answers only later changes. */
  async head(): Promise<string> {
    const [row]: { head: string }[] = await this.summaries.query('SELECT coalesce(max(position), 0)::text AS head FROM incident_summaries');
    return row!.head;
  }
}

const changeOf = (row: { status: string; merged_into: string | null }): ChangeKind => (row.merged_into !== null ? 'merged' : row.status === 'closed' ? 'closed' : 'changed');
