import type { RecordedEvent } from '../../event-store/event-store.port.js';
import { SOURCE_EVENT_TYPES, type SourceEvent } from '../domain/events.js';

/** A stored registry event as the domain sees it (the registry's events have one schema version so far). */
export const toSourceEvent = (event: Pick<RecordedEvent, 'type' | 'data'>): SourceEvent => ({ type: event.type, data: event.data }) as unknown as SourceEvent;

export const isSourceEvent = (event: Pick<RecordedEvent, 'type'>): boolean => (SOURCE_EVENT_TYPES as readonly string[]).includes(event.type);
