import { incidentActorsOf } from '../../../actors/read-models/actor.queries.js';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, type Repository } from 'typeorm';
import { incidentStream } from '../../../event-store/stream-names.js';
import { assertNotQuarantined, isQuarantined } from '../../../projections/quarantine.js';
import { DomainError } from '../../domain/domain-error.js';
import type { Tally } from '../../domain/tally.js';
import { type IncidentLinkView, linksOf } from '../incident-links/incident-link.queries.js';
import { INCIDENTS_PROJECTION } from '../incidents.projection.js';
import { CURSOR_PARTS, Cursors, type Page, type PageRequest, pageOf, pageSize } from '../../../common/page.js';
import type { IncidentFilter } from '../../domain/incident-filter.js';
import { filtered } from './incident-filter.js';
import { IncidentSummaryRow } from './incident-summary.entity.js';
import { historyOnlyView, incidentViewOf, type IncidentView, type LinkedIncidentView } from './incident.view.js';

const CURSORS = new Cursors<[string, string]>('incidents', [CURSOR_PARTS.time, CURSOR_PARTS.uuid]);

/** Incidents and their tallies from the read model; shared by REST and GraphQL. */
@Injectable()
export class IncidentQueries {
  constructor(@InjectRepository(IncidentSummaryRow) private readonly summaries: Repository<IncidentSummaryRow>) {}

  /**
   * Throws `READ_MODEL.QUARANTINED` (503) while the projection holds the incident's read model back
   * (an event of it could not be applied: its rows are not current, so they are not served).
   */
  async assertReadable(id: string): Promise<void> {
    await assertNotQuarantined(this.summaries.manager, INCIDENTS_PROJECTION, incidentStream(id));
  }

  /**
   * Throws `INCIDENT.NOT_FOUND` (404) for an incident the read model does not hold, `READ_MODEL.QUARANTINED` (503) for one held back,
   * unless `heldBack`: then its last good rows, for a caller that serves only what the incident's history answers. An incident
   * whose opening event is held back has no rows: such a caller gets its id alone (`historyOnlyView`), as its history holds it.
   */
  async incident(id: string, { heldBack = false } = {}): Promise<IncidentView> {
    if (!heldBack) await this.assertReadable(id);
    const row = await this.summaries.findOneBy({ incidentId: id });
    if (row) return incidentViewOf(row, (await incidentActorsOf(this.summaries.manager, [id])).get(id)!);
    if (heldBack && (await isQuarantined(this.summaries.manager, INCIDENTS_PROJECTION, incidentStream(id)))) return historyOnlyView(id);
    throw notFound(id);
  }

  /** The views with their links, one statement for all. */
  async withLinks<View extends IncidentView>(views: readonly View[]): Promise<(View & LinkedIncidentView)[]> {
    const links = await this.links(views.map((view) => view.id));
    return views.map((view) => ({ ...view, links: links.get(view.id)! }));
  }

  /** Each incident's links, from both sides (`linksOf`). */
  links(ids: readonly string[]): Promise<Map<string, IncidentLinkView[]>> {
    return linksOf(this.summaries.manager, ids);
  }

  /** Throws `INCIDENT.NOT_FOUND` unless the read model holds the incident. */
  async assertKnown(id: string): Promise<void> {
    if (!(await this.summaries.existsBy({ incidentId: id }))) throw notFound(id);
  }

  async tally(id: string): Promise<Tally> {
    return (await this.row(id)).tally;
  }

  /** Tallies of many incidents in one statement (GraphQL's DataLoader batches into this); unknown ids are absent. */
  async tallies(ids: readonly string[]): Promise<Map<string, Tally>> {
    const rows = ids.length === 0 ? [] : await this.summaries.find({ select: { incidentId: true, tally: true }, where: { incidentId: In([...ids]) } });
    return new Map(rows.map((row) => [row.incidentId, row.tally]));
  }

  /** Newest first (`occurredAt`, then id, descending): a stable order, so cursors never skip or repeat. */
  async incidents(filter: IncidentFilter, page: PageRequest): Promise<Page<IncidentView>> {
    const size = pageSize(page.first);
    const query = filtered(this.summaries.createQueryBuilder('s'), filter);
    if (page.after !== undefined) {
      const [occurredAt, id] = CURSORS.decode(page.after);
      query.andWhere('(s.occurredAt, s.incidentId) < (:occurredAt::timestamptz, :id::uuid)', { occurredAt, id });
    }
    const rows = await query.orderBy('s.occurredAt', 'DESC').addOrderBy('s.incidentId', 'DESC').limit(size + 1).getMany();
    const views = new Map((await this.views(rows)).map((view) => [view.id, view]));
    return pageOf(rows, size, (row) => views.get(row.incidentId)!, (row) => [row.occurredAt.toISOString(), row.incidentId] as [string, string], CURSORS);
  }

  /** The views of summary rows, with their actors (one statement for all). */
  async views(rows: readonly IncidentSummaryRow[]): Promise<IncidentView[]> {
    const actors = await incidentActorsOf(this.summaries.manager, rows.map((row) => row.incidentId));
    return rows.map((row) => incidentViewOf(row, actors.get(row.incidentId)!));
  }

  private async row(id: string): Promise<IncidentSummaryRow> {
    await this.assertReadable(id);
    const row = await this.summaries.findOneBy({ incidentId: id });
    if (!row) throw notFound(id);
    return row;
  }
}

const notFound = (id: string) => new DomainError('INCIDENT.NOT_FOUND', `Incident ${id} does not exist`, 'id');
