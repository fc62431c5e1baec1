import { Injectable } from '@nestjs/common';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { canonicalJson, recordedAtOf } from '../../event-store/envelope.js';
import { EventStore, type RecordedEvent } from '../../event-store/event-store.port.js';
import { incidentStream } from '../../event-store/stream-names.js';
import { pagesOfAll, pagesOfStream } from '../../event-store/event-pages.js';
import type { ExportedEvent } from './exported-event.js';

export interface ExportOptions {
  /** Only this incident's stream; the whole store otherwise. */
  readonly incidentId?: string;
  /** After every page written: events so far and the last position. */
  readonly onProgress?: (events: number, position: bigint) => void;
}

/**
 * Writes the store's history as NDJSON: one canonical-JSON envelope per line in `$all` order (or
 * revision order for one incident), data and metadata exactly as stored so every hash can be
 * recomputed from the file. Memory stays at one page whatever the history's size: pages are read
 * on demand and writing waits for the output to drain.
 */
@Injectable()
export class NdjsonExportService {
  constructor(private readonly store: EventStore) {}

  async export(out: Writable, options: ExportOptions = {}): Promise<number> {
    const pages = options.incidentId === undefined ? pagesOfAll(this.store) : pagesOfStream(this.store, incidentStream(options.incidentId));
    let events = 0;
    for await (const page of pages) {
      for (const event of page) {
        if (!out.write(`${canonicalJson(toExportedEvent(event))}\n`)) await once(out, 'drain');
      }
      events += page.length;
      options.onProgress?.(events, page.at(-1)!.position);
    }
    return events;
  }
}

/** The line an export writes for a stored event (before canonical JSON). */
export const toExportedEvent = (event: RecordedEvent): ExportedEvent => ({
  stream: event.stream,
  eventId: event.id,
  type: event.type,
  data: event.data,
  metadata: event.metadata,
  revision: event.revision.toString(),
  position: event.position.toString(),
  recordedAt: recordedAtOf(event).toISOString(),
});
