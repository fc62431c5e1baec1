import { Injectable } from '@nestjs/common';
import { EventStore, type RecordedEvent } from '../../event-store/event-store.port.js';
import { SOURCE_STREAM_PREFIX } from '../../event-store/stream-names.js';
import { pagesOfAll } from '../../incidents/audit/event-pages.js';
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
 * model). It keeps the registry's events and how far it has read `$all`, so each call reads only
 * what was committed since (EventStoreDB filters `$all` reads in the client: a filtered read from
 * the last registry event would go through every later event each time).
 */
@Injectable()
export class SourceRegistryLog {
  private readonly events: RecordedEvent[] = [];
  private seen: bigint | undefined;
  /** Reads run one after another: concurrent callers (a page of as-of tallies) share the first, long read. */
  private reading: Promise<void> = Promise.resolve();

  constructor(private readonly store: EventStore) {}

  /** The directory folded from the registry's events that `known` accepts (all, by default), as of now. */
  async directory(known: (event: RecordedEvent) => boolean = () => true): Promise<SourceDirectory> {
    const read = this.reading.then(() => this.readCommitted());
    this.reading = read.catch(() => undefined);
    await read;
    const upTo = this.events.findIndex((event) => !known(event));
    return directoryOfRecorded(upTo === -1 ? this.events : this.events.slice(0, upTo));
  }

  /** Reads what was committed since the last read; started after the caller asked, so it holds all the caller can know of. */
  private async readCommitted(): Promise<void> {
    for await (const page of pagesOfAll(this.store, this.seen ?? 'start')) {
      for (const event of page) {
        if (this.seen !== undefined && event.position <= this.seen) continue;
        if (event.stream.startsWith(SOURCE_STREAM_PREFIX) && isSourceEvent(event)) this.events.push(event);
        this.seen = event.position;
      }
    }
  }
}
