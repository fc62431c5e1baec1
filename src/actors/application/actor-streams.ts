import { StreamNotFound } from '../../event-store/event-store.errors.js';
import type { EventStore, RecordedEvent } from '../../event-store/event-store.port.js';
import { actorStream } from '../../event-store/stream-names.js';
import { ActorError } from '../domain/actor-error.js';
import type { ActorRef } from '../domain/actor-events.js';
import { evolveActor, initialActorState, type ActorState } from '../domain/actor.js';
import { toActorEvent } from '../stored-events/actor-events.js';

/** Parents and merges followed at most this far: a longer chain is a hand-made stream, not a registry. */
const MAX_CHAIN = 64;

/** An actor's stream as read now; empty when it has no events. */
export async function readActorStream(store: EventStore, actorId: string): Promise<RecordedEvent[]> {
  try {
    return await store.readStream(actorStream(actorId));
  } catch (error) {
    if (error instanceof StreamNotFound) return [];
    throw error;
  }
}

export const actorStateOf = (events: readonly RecordedEvent[]): ActorState => events.map(toActorEvent).reduce(evolveActor, initialActorState);

/**
 * Other actors as commands name them, read from their own streams (never a read model): `resolve`
 * follows merges to the survivor and lists the survivors up its chain of parents (`ActorRef`);
 * `undefined` for an actor that does not exist.
 */
export class ActorStreams {
  constructor(private readonly store: EventStore) {}

  async resolve(actorId: string): Promise<ActorRef | undefined> {
    const survivor = await this.survivor(actorId);
    if (survivor === undefined) return undefined;
    const ancestors: string[] = [];
    let parentId = survivor.state.fields!.parentActorId;
    while (parentId !== undefined && ancestors.length < MAX_CHAIN && !ancestors.includes(parentId)) {
      const parent = await this.survivor(parentId);
      if (parent === undefined) break;
      ancestors.push(parent.actorId);
      parentId = parent.state.fields!.parentActorId;
    }
    return { actorId: survivor.actorId, ancestors };
  }

  private async survivor(actorId: string): Promise<{ actorId: string; state: ActorState } | undefined> {
    let id = actorId;
    for (let step = 0; step < MAX_CHAIN; step++) {
      const state = actorStateOf(await readActorStream(this.store, id));
      if (state.fields === undefined) return undefined;
      if (state.mergedInto === undefined) return { actorId: id, state };
      id = state.mergedInto;
    }
    return undefined;
  }
}

/** The registry's actors an incident command names, by input field (`actorId`, `perpetratorActorId`). */
export function actorsNamedBy(command: { type: string; data: object }): [field: string, actorId: string][] {
  const data = command.data as { actorId?: string; perpetratorActorId?: string };
  const named: [string, string][] = [];
  if (command.type === 'AttachActor' && data.actorId !== undefined) named.push(['actorId', data.actorId]);
  if (data.perpetratorActorId !== undefined) named.push(['perpetratorActorId', data.perpetratorActorId]);
  return named;
}

/** SPEC §6.2: a command naming an actor that does not exist is refused (404 naming the field), as its stream says now. */
export async function requireActorsExist(streams: ActorStreams, command: { type: string; data: object }): Promise<void> {
  for (const [field, actorId] of actorsNamedBy(command)) {
    if ((await streams.resolve(actorId)) === undefined) throw new ActorError('ACTOR.NOT_FOUND', `Actor ${actorId} does not exist`, field);
  }
}
