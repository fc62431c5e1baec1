import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { InvalidInput } from '../../../common/invalid-input.js';
import { isPosition, positionMessage } from '../../../common/input-values.js';
import { CURSOR_PARTS, Cursors, type Page, pageSize } from '../../../common/page.js';
import { IncidentSummaryRow } from './incident-summary.entity.js';

/** How an incident's read model last changed: `merged` once merged into another (docs/merge.md), `closed` while it is closed, else `changed`. */
export const CHANGE_KINDS = ['changed', 'merged', 'closed'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

/**
 * docs/exports.md's change feed item: `position` is that of the last event applied to the incident
 * (a decimal string); `cursor`, passed as `after`, resumes the feed just after this item.
 */
export interface ChangeFeedItem {
  readonly incidentId: string;
  readonly position: string;
  readonly change: ChangeKind;
  readonly cursor: string;
}

/**
 * The feed's order, (position, incident id): one event can change many incidents (a merge both of
 * its incidents, a source registry event every incident citing the source), so a position alone
 * does not say where a page or a client stopped among them.
 */
type ChangeKey = readonly [position: string, incidentId: string];
const CURSORS = new Cursors<ChangeKey>('changes', [CURSOR_PARTS.position, CURSOR_PARTS.uuid]);

/**
 * The feed's `after`: a position (decimal string, `0` for everything: the changes after every one at
 * it), or an item's `cursor` (the changes after that item, also those at its position). Anything
 * else is a 400 naming `after`.
 */
export function changesAfter(after: string): readonly [position: string, incidentId: string | null] {
  if (isPosition(after)) return [after, null];
  try {
    return CURSORS.decode(after);
  } catch {
    throw new InvalidInput([{ field: 'after', message: `after must be a position (${positionMessage('it')}) or the cursor of a change` }]);
  }
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

  /** The changes after `after` (`changesAfter`), `first` at a time; `nextCursor` is the last item's cursor while more follow. */
  async changes(after: string, first: number | undefined): Promise<Page<ChangeFeedItem>> {
    const size = pageSize(first);
    const [position, incidentId] = changesAfter(after);
    const rows: { incident_id: string; position: string; status: string; merged_into: string | null }[] = await this.summaries.query(
      `SELECT incident_id, position, status, merged_into FROM incident_summaries
       WHERE ${incidentId === null ? 'position > $1' : '(position, incident_id) > ($1::bigint, $3::uuid)'} ORDER BY position, incident_id LIMIT $2`,
      incidentId === null ? [position, size + 1] : [position, size + 1, incidentId],
    );
    const items = rows.slice(0, size).map((row) => ({ incidentId: row.incident_id, position: row.position, change: changeOf(row), cursor: CURSORS.encode([row.position, row.incident_id]) }));
    return { items, nextCursor: rows.length > size ? items.at(-1)!.cursor : null };
  }

  /** The position of the latest change in the feed (`0` when it is empty): `changes(head())` answers only later changes. */
  async head(): Promise<string> {
    const [row]: { head: string }[] = await this.summaries.query('SELECT coalesce(max(position), 0)::text AS head FROM incident_summaries');
    return row!.head;
  }
}

const changeOf = (row: { status: string; merged_into: string | null }): ChangeKind => (row.merged_into !== null ? 'merged' : row.status === 'closed' ? 'closed' : 'changed');
