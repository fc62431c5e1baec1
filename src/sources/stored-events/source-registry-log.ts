import { Injectable } from '@nestjs/common';
import { EventStore, type RecordedEvent, type ScanFilter } from '../../event-store/event-store.port.js';
import { SOURCE_STREAM_PREFIX } from '../../event-store/stream-names.js';
import { KeptEvents } from '../../event-store/kept-events.js';
import { directoryOf, emptyDirectory, type SourceDirectory } from '../domain/source-directory.js';
import { SOURCE_EVENT_TYPES, type SourceEvent } from '../domain/events.js';
import type { SetAsideReader } from '../../event-store/set-aside-reader.js';
import { registryReader } from './source-events.js';

/** The registry's events as the store finds them (`scanAll`, by their types). */
const REGISTRY_EVENTS: ScanFilter = { streamNamePrefixes: [SOURCE_STREAM_PREFIX], eventTypes: SOURCE_EVENT_TYPES };

/** The registry's events in `$all` order, from the store, those before `before` (exclusive). */
export async function readSourceEvents(store: EventStore, before: bigint): Promise<RecordedEvent[]> {
  const { events } = await store.scanAll({ filter: REGISTRY_EVENTS });
  return events.filter((event) => event.position < before);
}

/** The directory the given registry events (in `$all` order, read by a `registryReader`) fold into. */
export const directoryOfRecorded = (events: readonly RecordedEvent[], reader: SetAsideReader<SourceEvent>): SourceDirectory =>
  directoryOf(events.flatMap((event) => reader.read(event) ?? []));

/**
 * The source registry as the store holds it (docs/sources.md), for deciding registry commands and for
 * tallies folded from the history: the registry's events are read from `$all` (never from a read
 * model) and kept, so each call reads only what was committed since (`KeptEvents`).
 */
@Injectable()
export class SourceRegistryLog {
  private readonly events: KeptEvents;
  private readonly reader = registryReader();
  /** Each kept event as the folds take it (`registryReader`: `undefined` when set aside), read once. */
  private readonly read: (SourceEvent | undefined)[] = [];
  /** The directory of the first `count` kept events: the events are only ever appended to, so a later call folds only the new ones. */
  private latest: { count: number; directory: SourceDirectory } = { count: 0, directory: emptyDirectory };

  constructor(store: EventStore) {
    this.events = new KeptEvents(store, REGISTRY_EVENTS);
  }

  /** The directory folded from the registry's events that `known` accepts (all, by default), as of now. */
  async directory(known: (event: RecordedEvent) => boolean = () => true): Promise<SourceDirectory> {
    return (await this.directories([known]))[0];
  }

  /**
   * `directory` for each of `knowns` (the registry as of many moments) from one read of the store:
   * each the directory of the registry's events up to the first that its predicate refuses, each
   * such prefix folded once.
   */
  async directories(knowns: readonly ((event: RecordedEvent) => boolean)[]): Promise<SourceDirectory[]> {
    const events = await this.events.all();
    for (const event of events.slice(this.read.length)) this.read.push(this.reader.read(event));
    const folded = (from: number, to: number) => this.read.slice(from, to).filter((event) => event !== undefined);
    const prefixes = new Map<number, SourceDirectory>();
    return knowns.map((known) => {
      const upTo = events.findIndex((event) => !known(event));
      if (upTo === -1) {
        this.latest = { count: events.length, directory: directoryOf(folded(this.latest.count, events.length), this.latest.directory) };
        return this.latest.directory;
      }
      if (!prefixes.has(upTo)) prefixes.set(upTo, directoryOf(folded(0, upTo)));
      return prefixes.get(upTo)!;
    });
  }
}
