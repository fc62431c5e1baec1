import type { RecordedEvent } from '../../event-store/event-store.port.js';
import { eventOfShape, type EventShape, isId, isText, isTextList, oneOf, optional, SetAsideReader, type StoredEvent } from '../../event-store/set-aside-reader.js';
import { actorStream } from '../../event-store/stream-names.js';
import { ActorError } from '../domain/actor-error.js';
import { ACTOR_TYPES, type ActorEvent } from '../domain/actor-events.js';

/** What each event type's fields must hold. */
const SHAPE: EventShape = {
  ActorRegistered: { name: isText, aliases: isTextList, actorType: oneOf(ACTOR_TYPES), parentActorId: optional(isId) },
  ActorAliasAdded: { alias: isText },
  ActorMerged: { into: isId },
} satisfies Record<ActorEvent['type'], unknown>;

/** A stored actor event as the domain sees it (one schema version so far), or `undefined` when it does not have the registry's shape (`eventOfShape`). */
export const actorEventOf = (event: StoredEvent): ActorEvent | undefined => eventOfShape(event, 'actorId', actorStream, SHAPE);

/** `actorEventOf`, for a reader of one actor's stream: one it cannot read is `ACTOR.UNREADABLE` (422), and its projection quarantines it. */
export function toActorEvent(event: Pick<RecordedEvent, 'stream' | 'type' | 'data'>): ActorEvent {
  const parsed = actorEventOf(event);
  if (parsed === undefined) throw new ActorError('ACTOR.UNREADABLE', `The ${event.type} event of ${event.stream} does not have the actor registry's shape`, 'actorId');
  return parsed;
}

/** The actor registry's events as folds over `$all` take them (as-of reads): `SetAsideReader`. */
export const actorReader = (): SetAsideReader<ActorEvent> => new SetAsideReader(actorEventOf);
