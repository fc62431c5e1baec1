import type { JsonObject, RecordedEvent } from '../../event-store/event-store.port.js';
import type { IncidentEvent } from '../domain/events.js';

/** Schema version written into every new event's envelope. */
export const SCHEMA_VERSION = 1;

/** A stored event as the domain sees it. Every read path (commands, projections, history, as-of) goes through here. */
export const toIncidentEvent = (event: Pick<RecordedEvent, 'type' | 'data'>): IncidentEvent => ({ type: event.type, data: event.data }) as IncidentEvent;

/** The event's data exactly as the store will keep it (plain JSON, no `undefined`), so its hash can be recomputed. */
export const toEventData = (event: IncidentEvent): JsonObject => JSON.parse(JSON.stringify(event.data)) as JsonObject;
