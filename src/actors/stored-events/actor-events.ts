import type { RecordedEvent } from '../../event-store/event-store.port.js';
import type { ActorEvent } from '../domain/actor-events.js';

/** A stored registry event as the domain sees it (actor events have one schema version so far). */
export const toActorEvent = (event: Pick<RecordedEvent, 'type' | 'data'>): ActorEvent => ({ type: event.type, data: event.data }) as ActorEvent;
