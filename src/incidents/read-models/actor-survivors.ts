import type { EntityManager } from 'typeorm';
import { actorEventOf } from '../../actors/stored-events/actor-events.js';
import type { RecordedEvent } from '../../event-store/event-store.port.js';
import type { Folding } from './incident-foldings.js';

/** An actor merge as incidents see it: its position and every actor that answers as another from then on (the merged one, and those merged into it before). */
export type ActorMergeChange = Readonly<{ position: bigint; actorIds: ReadonlySet<string> }>;

/**
 * Folds a batch's `ActorMerged` events into `actor_survivors` (the incidents projection's own record
 * of which actor each merged actor answers as, docs/actors.md) and returns each merge's change. A
 * merge event the actor registry cannot read is skipped here as the actors projection sets it aside.
 */
export async function foldActorMerges(manager: EntityManager, events: readonly RecordedEvent[]): Promise<ActorMergeChange[]> {
  const changes: ActorMergeChange[] = [];
  for (const recorded of events) {
    const event = recorded.type === 'ActorMerged' ? actorEventOf(recorded) : undefined;
    if (event?.type !== 'ActorMerged') continue;
    const { actorId, into } = event.data;
    const [moved]: [{ actor_id: string }[], number] = await manager.query('UPDATE actor_survivors SET survivor_id = $2 WHERE survivor_id = $1 RETURNING actor_id', [actorId, into]);
    await manager.query('INSERT INTO actor_survivors (actor_id, survivor_id) VALUES ($1, $2) ON CONFLICT (actor_id) DO UPDATE SET survivor_id = excluded.survivor_id', [actorId, into]);
    changes.push({ position: recorded.position, actorIds: new Set([actorId, ...moved.map((row) => row.actor_id)]) });
  }
  return changes;
}

/** The incidents whose stored rows name one of the merges' actors: attached (`incident_summaries.actors`) or as a record's perpetrator. */
export async function incidentsNaming(manager: EntityManager, changes: readonly ActorMergeChange[]): Promise<string[]> {
  if (changes.length === 0) return [];
  const actorIds = [...new Set(changes.flatMap(({ actorIds: ids }) => [...ids]))];
  const rows: { incident_id: string }[] = await manager.query(
    `SELECT incident_id FROM incident_summaries WHERE actors ?| $1::text[]
     UNION SELECT incident_id FROM incident_records WHERE perpetrator_actor_id = ANY($1::uuid[])`,
    [actorIds],
  );
  return rows.map(({ incident_id: id }) => id);
}

/** Whether the incident names one of `actorIds`: attached to it, or as the perpetrator of one of its records (retracted ones too, as its records read). */
function names({ state, ledger }: Folding, actorIds: ReadonlySet<string>): boolean {
  for (const id of state.actors.keys()) if (actorIds.has(id)) return true;
  for (const { record } of ledger.values()) {
    const perpetrator = (record.data as { perpetratorActorId?: string }).perpetratorActorId;
    if (perpetrator !== undefined && actorIds.has(perpetrator)) return true;
  }
  return false;
}

/**
 * Moves the incidents that merged incidents an actor merge changed were merged into (`into`, and
 * on along `merged_into`) to that merge's `position`, unless they are past it: an incident shows the
 * actors of those merged into it. Returns the incidents moved.
 */
export async function moveMergeChains(manager: EntityManager, renamed: readonly { into: string; position: bigint }[]): Promise<string[]> {
  if (renamed.length === 0) return [];
  const rows: { incident_id: string }[] = await manager.query(
    `WITH RECURSIVE chain (incident_id, position) AS (
       SELECT * FROM unnest($1::uuid[], $2::bigint[])
       UNION SELECT s.merged_into, c.position FROM chain c JOIN incident_summaries s ON s.incident_id = c.incident_id WHERE s.merged_into IS NOT NULL)
     UPDATE incident_summaries t SET position = m.position
     FROM (SELECT incident_id, max(position) AS position FROM chain GROUP BY incident_id) m
     WHERE t.incident_id = m.incident_id AND t.position < m.position
     RETURNING t.incident_id`,
    [renamed.map(({ into }) => into), renamed.map(({ position }) => position.toString())],
  );
  return rows.map(({ incident_id: id }) => id);
}

/**
 * The position of the last merge that changed how the incident reads (its actors, the ACLED and
 * UCDP actor columns, `ACTOR` groups), judged on the incident as folded to the batch's end, or
 * `undefined`. The same whichever batch a merge falls in: an actor attached or named after a merge
 * comes with an event of the incident's own, at a later position.
 */
export function lastActorMerge(changes: readonly ActorMergeChange[], folding: Folding): bigint | undefined {
  let last: bigint | undefined;
  for (const { position, actorIds } of changes) if (names(folding, actorIds)) last = position;
  return last;
}
