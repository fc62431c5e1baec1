import type { StreamFolding } from '../../common/commands/command-handler.js';
import { foldStream } from '../../common/commands/folded-stream.js';
import type { EventStore } from '../../event-store/event-store.port.js';
import { actorStream } from '../../event-store/stream-names.js';
import { ActorError } from '../domain/actor-error.js';
import type { ActorRef } from '../domain/actor-events.js';
import { evolveActor, initialActorState, type ActorState } from '../domain/actor.js';
import { toActorEvent } from '../stored-events/actor-events.js';

/** Parents and merges followed at most this far: a longer chain is a hand-made stream, not a registry. */
const MAX_CHAIN = 64;

/** How actor streams are read and folded: whole, with the domain's `evolveActor` (`undefined` for an actor with no events). */
export const actorFolding = (store: EventStore): StreamFolding<ActorState> => ({
  initial: initialActorState,
  read: async (stream) => foldStream(await store.readStreamIfAny(stream), initialActorState, toActorEvent, evolveActor),
});

/**
 * Other actors as commands name them, read from their own streams (never a read model): `resolve`
 * follows merges to the survivor and lists the survivors up its chain of parents (`ActorRef`);
 * `undefined` for an actor that does not exist.
 */
export class ActorStreams {
  private readonly folding: StreamFolding<ActorState>;

  constructor(store: EventStore) {
    this.folding = actorFolding(store);
  }

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

  /** The actor's survivor (itself when not merged), without its parents: `undefined` for an actor that does not exist. */
  async survivorId(actorId: string): Promise<string | undefined> {
    return (await this.survivor(actorId))?.actorId;
  }

  private async survivor(actorId: string): Promise<{ actorId: string; state: ActorState } | undefined> {
    let id = actorId;
    for (let step = 0; step < MAX_CHAIN; step++) {
      const state = (await this.folding.read(actorStream(id)))?.state;
      if (state?.fields === undefined) return undefined;
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

/** docs/actors.md: a command naming an actor that does not exist is refused (404 naming the field), as its stream says now. */
export async function requireActorsExist(streams: ActorStreams, command: { type: string; data: object }): Promise<void> {
  for (const [field, actorId] of actorsNamedBy(command)) {
    if ((await streams.resolve(actorId)) === undefined) throw new ActorError('ACTOR.NOT_FOUND', `Actor ${actorId} does not exist`, field);
  }
}
