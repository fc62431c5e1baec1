import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { involvements } from '../../incidents/read-models/incident-summary/involvements.js';
import { CURSOR_PARTS, Cursors, type Page, type PageRequest, pageOf, pageSize } from '../../common/page.js';
import { ACTOR_STREAM_PREFIX, actorStream } from '../../event-store/stream-names.js';
import { assertNotQuarantined, notQuarantined } from '../../projections/quarantine.js';
import { ACTORS_PROJECTION } from './actors.projection.js';
import { ActorError } from '../domain/actor-error.js';
import type { ActorType } from '../domain/actor-events.js';
import { distinctAttachments } from '../domain/attached-actors.js';
import type { ActorIncidentView, ActorView, IncidentActorView } from './actor.view.js';

/** Incidents listed with each actor, newest first; all of them are reached with the `actorId` filter of the incident list. */
export const ACTOR_INCIDENTS_LIMIT = 500;

type ActorRow = {
  actor_id: string;
  name: string;
  aliases: string[];
  actor_type: ActorType;
  parent_actor_id: string | null;
  revision: string;
  merged: string[];
};

// The parent as the actor it answers as now: a parent merged after the faction was registered is shown as its survivor.
const SELECT_ACTORS = `SELECT a.actor_id, a.name, a.aliases, a.actor_type, a.revision,
  COALESCE((SELECT p.survivor_id FROM actors p WHERE p.actor_id = a.parent_actor_id), a.parent_actor_id) AS parent_actor_id,
  ARRAY(SELECT m.actor_id FROM actors m WHERE m.survivor_id = a.actor_id AND m.actor_id <> a.actor_id ORDER BY m.actor_id)::text[] AS merged
  FROM actors a`;

const viewOf = (row: ActorRow, incidents: readonly ActorIncidentView[]): ActorView => ({
  id: row.actor_id,
  actorId: row.actor_id,
  name: row.name,
  aliases: row.aliases,
  actorType: row.actor_type,
  parentActorId: row.parent_actor_id,
  mergedActorIds: row.merged,
  revision: row.revision,
  incidents,
});

const CURSORS = new Cursors<[string, string]>('actors', [CURSOR_PARTS.text, CURSOR_PARTS.uuid]);

/** The actor registry's read model: actors as their survivors, and the actors of incidents. */
@Injectable()
export class ActorQueries {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Actors that are not merged into another, by name then id; `actorType` narrows them. One whose
   * stream the projection holds back (docs/quarantine.md) is left out: its row is not current.
   */
  async actors(filter: { readonly actorType?: ActorType }, page: PageRequest): Promise<Page<ActorView>> {
    const size = pageSize(page.first);
    const [name, id] = page.after === undefined ? [null, null] : CURSORS.decode(page.after);
    const rows: ActorRow[] = await this.dataSource.query(
      `${SELECT_ACTORS} WHERE a.merged_into IS NULL AND ($1::text IS NULL OR a.actor_type = $1)
       AND ${notQuarantined(ACTORS_PROJECTION, ACTOR_STREAM_PREFIX, 'a.actor_id')}
       AND ($2::text IS NULL OR (a.name, a.actor_id) > ($2::text, $3::uuid)) ORDER BY a.name, a.actor_id LIMIT $4`,
      [filter.actorType ?? null, name, id, size + 1],
    );
    const incidents = await this.incidentsOf(rows.slice(0, size).map((row) => row.actor_id));
    return pageOf(rows, size, (row) => viewOf(row, incidents.get(row.actor_id)!), (row) => [row.name, row.actor_id], CURSORS);
  }

  /**
   * The actor `id` answers as (its survivor once merged), with its incidents; `ACTOR.NOT_FOUND` (404)
   * for an unknown id, `READ_MODEL.QUARANTINED` (503) when the projection holds back its stream or
   * its survivor's (its row, or where it points, is not current).
   */
  async actor(id: string): Promise<ActorView> {
    await assertNotQuarantined(this.dataSource.manager, ACTORS_PROJECTION, actorStream(id));
    const [row]: ActorRow[] = await this.dataSource.query(`${SELECT_ACTORS} WHERE a.actor_id = (SELECT survivor_id FROM actors WHERE actor_id = $1)`, [id]);
    if (row === undefined) throw new ActorError('ACTOR.NOT_FOUND', `Actor ${id} does not exist`);
    await assertNotQuarantined(this.dataSource.manager, ACTORS_PROJECTION, actorStream(row.actor_id));
    return viewOf(row, (await this.incidentsOf([row.actor_id])).get(row.actor_id)!);
  }

  /**
   * The incidents each survivor involves (`involvements`, the rule of the incident filter `actorId`):
   * those it or an actor merged into it is attached to, and those it is the perpetrator of a figure
   * of, in one statement. An incident merged into another is listed as the incident it counts under
   * (followed up the merges); each incident once per role.
   */
  private async incidentsOf(survivorIds: readonly string[]): Promise<Map<string, ActorIncidentView[]>> {
    const bySurvivor = new Map<string, ActorIncidentView[]>(survivorIds.map((id) => [id, []]));
    const rows: { survivor_id: string; incident_id: string; title: string; role: ActorIncidentView['role'] }[] = await this.dataSource.query(
      `WITH involved AS (${involvements('sv.actor_id = ANY($1::uuid[])')}),
       attached AS (SELECT survivor_id, incident_id, role, min(position) AS position FROM involved GROUP BY survivor_id, incident_id, role)
       SELECT survivor_id, incident_id, title, role FROM (
         SELECT at.survivor_id, s.incident_id, s.title, at.role,
           row_number() OVER (PARTITION BY at.survivor_id ORDER BY s.occurred_at DESC, s.incident_id DESC, at.position DESC NULLS LAST) AS n
         FROM attached at JOIN incident_summaries s USING (incident_id) WHERE s.merged_into IS NULL) AS ranked
       WHERE n <= $2 ORDER BY survivor_id, n`,
      [survivorIds, ACTOR_INCIDENTS_LIMIT],
    );
    for (const { survivor_id, incident_id, title, role } of rows) bySurvivor.get(survivor_id)!.push({ incident: { id: incident_id, title }, role });
    return bySurvivor;
  }
}

/**
 * The actors of each incident, and of the incidents merged into it (docs/actors.md: the survivor holds
 * both), as their survivors in the order they were attached, each once per role
 * (`distinctAttachments`); one statement for a page of incidents.
 */
export async function incidentActorsOf(manager: EntityManager, incidentIds: readonly string[]): Promise<Map<string, IncidentActorView[]>> {
  const byIncident = new Map<string, IncidentActorView[]>(incidentIds.map((id) => [id, []]));
  if (incidentIds.length === 0) return byIncident;
  const rows: { incident_id: string; id: string; name: string; actor_type: ActorType; role: IncidentActorView['role'] }[] = await manager.query(
    `WITH RECURSIVE members(incident_id, member_id) AS (
       SELECT id, id FROM unnest($1::uuid[]) AS id
       UNION SELECT members.incident_id, s.incident_id FROM incident_summaries s JOIN members ON s.merged_into = members.member_id)
     SELECT m.incident_id, sv.actor_id AS id, sv.name, sv.actor_type, ia.role
     FROM members m JOIN incident_actors ia ON ia.incident_id = m.member_id JOIN actors a USING (actor_id) JOIN actors sv ON sv.actor_id = a.survivor_id
     ORDER BY m.incident_id, ia.position`,
    [incidentIds],
  );
  for (const { incident_id, id, name, actor_type, role } of rows) byIncident.get(incident_id)!.push({ actor: { id, name, actorType: actor_type }, role });
  for (const [incidentId, actors] of byIncident) byIncident.set(incidentId, distinctAttachments(actors, ({ actor }) => actor.id));
  return byIncident;
}
