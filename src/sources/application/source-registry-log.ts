import { Injectable } from '@nestjs/common';
import { EventStore, type RecordedEvent } from '../../event-store/event-store.port.js';
import { SOURCE_STREAM_PREFIX } from '../../event-store/stream-names.js';
import { KeptEvents } from '../../incidents/audit/kept-events.js';
import { directoryOf, type SourceDirectory } from '../domain/source-directory.js';
import { isSourceEvent, toSourceEvent } from './source-events.js';

/** The registry's events in `$all` order, from the store, all or those before `before` (exclusive). */
export async function readSourceEvents(store: EventStore, before?: bigint): Promise<RecordedEvent[]> {
  const events = await store.readAll({ filter: { streamNamePrefixes: [SOURCE_STREAM_PREFIX] } });
  return events.filter((event) => isSourceEvent(event) && (before === undefined || event.position < before));
}

/** The directory the given registry events (in `$all` order) fold into. */
export const directoryOfRecorded = (events: readonly RecordedEvent[]): SourceDirectory => directoryOf(events.map(toSourceEvent));

/**
 * The source registry as the store holds it (SPEC §6.1), for deciding registry commands and for
 * tallies folded from the history: the registry's events are read from `$all` (never from a read
 * model) and kept, so each call reads only what was committed since (`KeptEvents`).
 */
@Injectable()
export class SourceRegistryLog {
  private readonly events: KeptEvents;

  constructor(store: EventStore) {
    this.events = new KeptEvents(store, (event) => event.stream.startsWith(SOURCE_STREAM_PREFIX) && isSourceEvent(event));
  }

  /** The directory folded from the registry's events that `known` accepts (all, by default), as of now. */
  async directory(known: (event: RecordedEvent) => boolean = () => true): Promise<SourceDirectory> {
    const events = await this.events.all();
    const upTo = events.findIndex((event) => !known(event));
    return directoryOfRecorded(upTo === -1 ? events : events.slice(0, upTo));
  }
}
