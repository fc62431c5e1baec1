import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { RecordedEvent } from '../../event-store/event-store.port.js';
import { APPLICATION_STREAM_PREFIXES, INCIDENT_STREAM_PREFIX } from '../../event-store/stream-names.js';
import type { ActorAttached, ActorDetached } from '../../incidents/domain/events.js';
import type { Projection, ProjectionWriter } from '../../projections/projection.js';
import { ProjectionHandler } from '../../projections/projections-host.js';
import { ACTOR_EVENT_TYPES, type ActorEvent } from '../domain/actor-events.js';
import { toActorEvent } from '../stored-events/actor-events.js';

export const ACTORS_PROJECTION = 'actors';

/**
 * The actor registry (`actors`: one row per actor with the survivor it answers as) and the actors
 * attached to incidents (`incident_actors`). Its checkpoint passes every event the application
 * writes, so a read can wait for any write's position.
 */
@Injectable()
@ProjectionHandler()
export class ActorsProjection implements Projection {
  readonly name = ACTORS_PROJECTION;
  readonly streamNamePrefixes = APPLICATION_STREAM_PREFIXES;
  readonly eventTypes = [...ACTOR_EVENT_TYPES, 'ActorAttached', 'ActorDetached'];

  writer(): ProjectionWriter {
    return { apply: applyEvents };
  }

  async reset(manager: EntityManager): Promise<void> {
    await manager.query('TRUNCATE actors, incident_actors');
  }
}

async function applyEvents(events: readonly RecordedEvent[], manager: EntityManager): Promise<void> {
  for (const event of events) {
    if (event.stream.startsWith(INCIDENT_STREAM_PREFIX)) await applyToIncident(event, manager);
    else await applyToActor(event, manager);
  }
}

/** Each event once: an actor's row keeps the revision of its last event, and a replayed one is skipped. */
async function applyToActor(recorded: RecordedEvent, manager: EntityManager): Promise<void> {
  const event: ActorEvent = toActorEvent(recorded);
  const at = [recorded.revision.toString(), recorded.position.toString()];
  const { actorId } = event.data;
  switch (event.type) {
    case 'ActorRegistered':
      await manager.query(
        `INSERT INTO actors (actor_id, revision, position, name, aliases, actor_type, parent_actor_id, survivor_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $1) ON CONFLICT (actor_id) DO NOTHING`,
        [actorId, ...at, event.data.name, event.data.aliases, event.data.actorType, event.data.parentActorId ?? null],
      );
      return;
    case 'ActorAliasAdded':
      await manager.query('UPDATE actors SET aliases = aliases || $4::text, revision = $2, position = $3 WHERE actor_id = $1 AND revision < $2', [actorId, ...at, event.data.alias]);
      return;
    case 'ActorMerged': {
      const [, updated] = await manager.query('UPDATE actors SET merged_into = $4, revision = $2, position = $3 WHERE actor_id = $1 AND revision < $2', [actorId, ...at, event.data.into]);
      // The merged actor, and every actor merged into it before, answer as the survivor from now on.
      if (updated > 0) await manager.query('UPDATE actors SET survivor_id = $2 WHERE survivor_id = $1', [actorId, event.data.into]);
      return;
    }
  }
}

async function applyToIncident(recorded: RecordedEvent, manager: EntityManager): Promise<void> {
  const event = { type: recorded.type, data: recorded.data } as ActorAttached | ActorDetached;
  if (event.type === 'ActorAttached') {
    await manager.query(
      `INSERT INTO incident_actors (incident_id, actor_id, role, position) VALUES ($1, $2, $3, $4)
       ON CONFLICT (incident_id, actor_id) DO UPDATE SET role = excluded.role, position = excluded.position`,
      [event.data.incidentId, event.data.actorId, event.data.role, recorded.position.toString()],
    );
  } else {
    await manager.query('DELETE FROM incident_actors WHERE incident_id = $1 AND actor_id = $2', [event.data.incidentId, event.data.actorId]);
  }
}
