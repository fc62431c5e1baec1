import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { DUPLICATE_WINDOW_MS, duplicateScore, type DuplicateReason, type DuplicateTraits } from '../../domain/duplicates.js';
import { IncidentSummaryRow } from '../incident-summary/incident-summary.entity.js';
import { IncidentQueries } from '../incident-summary/incident.queries.js';
import { type IncidentView, type LinkedIncidentView } from '../incident-summary/incident.view.js';
import { filtered } from '../incident-summary/incident-filter.js';
import { rootsOf } from '../incident-merges.js';

/** docs/merge.md's duplicate candidate: another incident, how likely it is the same attack (0–1), and why. */
export interface DuplicateCandidate {
  readonly incident: LinkedIncidentView;
  readonly score: number;
  readonly reasons: readonly DuplicateReason[];
}

/** Incidents scored at most: the nearest in time of the incident's country and 48-hour window. */
export const MAX_CANDIDATES = 200;
export const DEFAULT_DUPLICATES = 10;

/**
 * `GET /incidents/{id}/duplicate-candidates`: the incidents of the same country that occurred within
 * `DUPLICATE_WINDOW_MS` of it (a range of `incident_summaries_country_idx`, the nearest
 * `MAX_CANDIDATES`), scored by the domain's `duplicateScore` on their fields and the sources their
 * records cite, best first (then nearest in time, then id). Merged and quarantined incidents are
 * left out, as from lists, and so are the incident's own survivor (they are one attack already) and
 * the incidents linked to it either way (a link tells two incidents apart).
 */
@Injectable()
export class DuplicateCandidateQueries {
  constructor(
    @InjectRepository(IncidentSummaryRow) private readonly summaries: Repository<IncidentSummaryRow>,
    private readonly incidents: IncidentQueries,
  ) {}

  async candidates(id: string, first = DEFAULT_DUPLICATES): Promise<DuplicateCandidate[]> {
    const incident = await this.incidents.incident(id);
    const at = new Date(incident.occurredAt);
    const rows = await filtered(this.summaries.createQueryBuilder('s'), {
      country: incident.location.country,
      occurredFrom: new Date(at.getTime() - DUPLICATE_WINDOW_MS).toISOString(),
      occurredTo: new Date(at.getTime() + DUPLICATE_WINDOW_MS).toISOString(),
    })
      .andWhere('s.incidentId <> :id', { id })
      // Already one attack (the survivor it counts under), or already told apart by a link either way.
      .andWhere('s.incidentId <> :root', { root: (await rootsOf(this.summaries.manager, [id])).get(id) })
      .andWhere(
        'NOT EXISTS (SELECT FROM incident_links l WHERE (l.incident_id = :id AND l.other_incident_id = s.incident_id) OR (l.incident_id = s.incident_id AND l.other_incident_id = :id))',
      )
      .orderBy('abs(extract(epoch FROM s.occurred_at - :at::timestamptz))', 'ASC')
      .addOrderBy('s.incidentId', 'ASC')
      .setParameter('at', at)
      .limit(MAX_CANDIDATES)
      .getMany();
    const sources = await this.sourcesOf([id, ...rows.map((row) => row.incidentId)]);
    const traits = (view: IncidentView): DuplicateTraits => ({
      country: view.location.country,
      admin2: view.location.admin2,
      occurredAt: view.occurredAt,
      category: view.category,
      sources: sources.get(view.id) ?? [],
    });
    const scored = (await this.incidents.withLinks(await this.incidents.views(rows))).map((view) => ({ incident: view, ...duplicateScore(traits(incident), traits(view)) }));
    // Stable: rows come nearest first, so equal scores stay in that order.
    return scored.sort((a, b) => b.score - a.score).slice(0, first);
  }

  /** The source names each incident's live records cite. */
  private async sourcesOf(ids: readonly string[]): Promise<Map<string, string[]>> {
    const rows: { incident_id: string; source_name: string }[] = await this.summaries.query(
      'SELECT DISTINCT incident_id, source_name FROM incident_records WHERE incident_id = ANY($1::uuid[]) AND NOT retracted',
      [ids],
    );
    const sources = new Map<string, string[]>();
    for (const row of rows) sources.set(row.incident_id, [...(sources.get(row.incident_id) ?? []), row.source_name]);
    return sources;
  }
}
