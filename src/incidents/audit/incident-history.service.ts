import { Injectable } from '@nestjs/common';
import { StreamNotFound } from '../../event-store/event-store.errors.js';
import { EventStore, type JsonObject, type RecordedEvent } from '../../event-store/event-store.port.js';
import { incidentStream } from '../../event-store/stream-names.js';
import { DomainError } from '../domain/domain-error.js';
import { toIncidentEvent } from '../stored-events/incident-events.js';
import { CURSOR_PARTS, Cursors, pageOf, pageSize, type Page, type PageRequest } from '../../common/page.js';
import { recordedAtOf } from '../../event-store/envelope.js';

/** A history item (docs/api.md). Positions and revisions are decimal strings. */
export interface HistoryItem {
  readonly eventId: string;
  readonly type: string;
  /** Upcast to the type's current schema version, as every read path sees it. */
  readonly data: JsonObject;
  /** As stored: its `schemaVersion` is the version the event was written at, its `hash` covers the stored data. */
  readonly metadata: JsonObject;
  readonly revision: string;
  readonly position: string;
  readonly recordedAt: string;
}

/** An incident's events in stream order, paged by revision (docs/api.md lists), for auditors. */
@Injectable()
export class IncidentHistoryService {
  constructor(private readonly store: EventStore) {}

  async page(incidentId: string, request: PageRequest = {}): Promise<Page<HistoryItem>> {
    const size = pageSize(request.first);
    const fromRevision = request.after === undefined ? 0n : BigInt(CURSORS.decode(request.after)[0]) + 1n;
    const stream = incidentStream(incidentId);
    const events = await this.store.readStream(stream, { fromRevision, maxCount: size + 1 }).catch((error: unknown) => {
      throw error instanceof StreamNotFound ? new DomainError('INCIDENT.NOT_FOUND', `Incident ${incidentId} does not exist`) : error;
    });
    return pageOf(events, size, toHistoryItem, (event) => [event.revision.toString()] as [string], CURSORS);
  }
}

/** The last revision of a page; the next page starts after it, so it must leave room for one more. */
const CURSORS = new Cursors<[string]>('history', [CURSOR_PARTS.position]);

export function toHistoryItem(event: RecordedEvent): HistoryItem {
  return {
    eventId: event.id,
    type: event.type,
    data: toIncidentEvent(event).data as unknown as JsonObject,
    metadata: event.metadata,
    revision: event.revision.toString(),
    position: event.position.toString(),
    recordedAt: recordedAtOf(event).toISOString(),
  };
}
