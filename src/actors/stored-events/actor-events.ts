import { isUUID } from 'class-validator';
import type { RecordedEvent } from '../../event-store/event-store.port.js';
import { SetAsideReader, type StoredEvent } from '../../event-store/set-aside-reader.js';
import { actorStream } from '../../event-store/stream-names.js';
import { ActorError } from '../domain/actor-error.js';
import { ACTOR_EVENT_TYPES, ACTOR_TYPES, type ActorEvent } from '../domain/actor-events.js';

const isText = (value: unknown): boolean => typeof value === 'string';
const isId = (value: unknown): boolean => typeof value === 'string' && isUUID(value);

/** What each event type's fields must hold (an absent optional field passes: `parentActorId`). */
const FIELDS: Readonly<Record<ActorEvent['type'], Readonly<Record<string, (value: unknown) => boolean>>>> = {
  ActorRegistered: {
    name: isText,
    aliases: (value) => Array.isArray(value) && value.every(isText),
    actorType: (value) => (ACTOR_TYPES as readonly unknown[]).includes(value),
    parentActorId: (value) => value === undefined || isId(value),
  },
  ActorAliasAdded: { alias: isText },
  ActorMerged: { into: isId },
};

/**
 * A stored actor event as the domain sees it (actor events have one schema version so far), or
 * `undefined` when it does not have the registry's shape: a known type, the `actorId` of its own
 * stream, and each field `FIELDS` describes of its type (the API never writes such an event; a
 * hand-edited `import` can).
 */
export function actorEventOf(event: StoredEvent): ActorEvent | undefined {
  const data = event.data as Record<string, unknown>;
  if (!(ACTOR_EVENT_TYPES as readonly string[]).includes(event.type) || !isId(data.actorId) || event.stream !== actorStream(data.actorId as string)) return undefined;
  const fits = Object.entries(FIELDS[event.type as ActorEvent['type']]).every(([field, valid]) => valid(data[field]));
  return fits ? ({ type: event.type, data } as unknown as ActorEvent) : undefined;
}

/** `actorEventOf`, for a reader of one actor's stream: one it cannot read is `ACTOR.UNREADABLE` (422), and its projection quarantines it. */
export function toActorEvent(event: Pick<RecordedEvent, 'stream' | 'type' | 'data'>): ActorEvent {
  const parsed = actorEventOf(event);
  if (parsed === undefined) throw new ActorError('ACTOR.UNREADABLE', `The ${event.type} event of ${event.stream} does not have the actor registry's shape`, 'actorId');
  return parsed;
}

/** The actor registry's events as folds over `$all` take them (as-of reads): `SetAsideReader`. */
export const actorReader = (): SetAsideReader<ActorEvent> => new SetAsideReader(actorEventOf);
