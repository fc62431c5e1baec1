import type { JsonObject, RecordedEvent } from '../../event-store/event-store.port.js';
import type { IncidentEvent } from '../domain/events.js';
import { currentSchemaVersion, upcast } from './event-upcasters.js';

/** Schema version a new event of `type` is written at (its current shape; see `event-upcasters.ts`). */
export const schemaVersionOf = (type: string): number => currentSchemaVersion(type);

/** The schema version an event was stored at; events without one predate versioning, i.e. version 1. */
export const storedSchemaVersion = (metadata: JsonObject | undefined): number =>
  typeof metadata?.schemaVersion === 'number' ? metadata.schemaVersion : 1;

/**
 * A stored event as the domain sees it: its data upcast from the stored schema version to the
 * current one. Every read path (commands, projections, history, as-of, verify) goes through here.
 * `metadata` carries the stored `schemaVersion`; without it the event is read as version 1.
 */
export const toIncidentEvent = (event: Pick<RecordedEvent, 'type' | 'data'> & { readonly metadata?: JsonObject }): IncidentEvent =>
  ({ type: event.type, data: upcast(event.type, event.data, storedSchemaVersion(event.metadata)) }) as IncidentEvent;
