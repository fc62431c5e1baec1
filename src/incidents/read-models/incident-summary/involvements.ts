/**
 * `involvedActors` (src/incidents/domain/attribution.ts) in SQL, for the filters `actorId` and
 * `actorType` and for an actor's incidents: rows `(survivor_id, incident_id, role, position)`, one
 * for each actor whose survivor `sv` meets `condition` and each incident it is involved in —
 * attached to it or to an incident merged into it (followed up the merges to the survivor) in
 * `role`, at the attachment's `position`; or the perpetrator of one of its figure rows, as role
 * `perpetrator` with no position. Figure rows are not followed up the merges: a survivor's own
 * rows already attribute the figures of the incidents merged into it, by its own latest records.
 * Actors are matched as their survivors, so an actor merge brings the merged actor's incidents.
 */
export const involvements = (condition: string): string => `
  WITH RECURSIVE attached(survivor_id, incident_id, role, position) AS (
    SELECT sv.actor_id, ia.incident_id, ia.role, ia.position
      FROM incident_actors ia JOIN actors a USING (actor_id) JOIN actors sv ON sv.actor_id = a.survivor_id WHERE ${condition}
    UNION SELECT attached.survivor_id, m.merged_into, attached.role, attached.position
      FROM incident_summaries m JOIN attached USING (incident_id) WHERE m.merged_into IS NOT NULL)
  SELECT survivor_id, incident_id, role, position FROM attached
  UNION SELECT sv.actor_id, f.incident_id, 'perpetrator', NULL::bigint
    FROM incident_casualty_figures f JOIN actors a ON a.actor_id = f.perpetrator_actor_id JOIN actors sv ON sv.actor_id = a.survivor_id WHERE ${condition}
  UNION SELECT sv.actor_id, f.incident_id, 'perpetrator', NULL::bigint
    FROM incident_hostages f JOIN actors a ON a.actor_id = f.perpetrator_actor_id JOIN actors sv ON sv.actor_id = a.survivor_id WHERE ${condition}`;
