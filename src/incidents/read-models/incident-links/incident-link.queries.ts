import type { EntityManager } from 'typeorm';
import type { LinkRelation } from '../../domain/events.js';

/** docs/merge.md's `Incident.links` item: the incident at the other end, whichever side recorded the link. */
export interface IncidentLinkView {
  readonly incident: { readonly id: string; readonly title: string };
  readonly relation: LinkRelation;
}

/**
 * The links of each incident, from both sides (a link is stored once, by the incident that made
 * it), in one statement; ordered by the other incident's title, then id. Where both incidents
 * linked each other, the incident's own link is shown.
 */
export async function linksOf(manager: EntityManager, incidentIds: readonly string[]): Promise<Map<string, IncidentLinkView[]>> {
  const links = new Map<string, IncidentLinkView[]>(incidentIds.map((id) => [id, []]));
  if (incidentIds.length === 0) return links;
  const rows: { id: string; other: string; title: string; relation: LinkRelation }[] = await manager.query(
    `SELECT DISTINCT ON (l.id, l.other) l.id, l.other, s.title, l.relation
     FROM (
       SELECT incident_id AS id, other_incident_id AS other, relation, 0 AS side FROM incident_links WHERE incident_id = ANY($1::uuid[])
       UNION ALL
       SELECT other_incident_id, incident_id, relation, 1 FROM incident_links WHERE other_incident_id = ANY($1::uuid[])
     ) l JOIN incident_summaries s ON s.incident_id = l.other
     ORDER BY l.id, l.other, l.side`,
    [incidentIds],
  );
  rows.sort((a, b) => (a.title === b.title ? compare(a.other, b.other) : compare(a.title, b.title)));
  for (const { id, other, title, relation } of rows) links.get(id)!.push({ incident: { id: other, title }, relation });
  return links;
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
