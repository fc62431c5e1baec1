import type { EventStore, RecordedEvent, ScanFilter } from './event-store.port.js';

/**
 * The events of `$all` that `filter` accepts, in `$all` order, read from the store (never from a
 * read model) and kept. Each call scans only from where the last one stopped (`scanAll`'s
 * `scannedTo`, which on EventStoreDB is the last event read, accepted or not), so a long history is
 * gone through once per process, and on PostgreSQL not at all (an index finds the events).
 */
export class KeptEvents {
  private readonly events: RecordedEvent[] = [];
  private scanned: bigint | undefined;
  /** Reads run one after another: concurrent callers share the first, long read. */
  private reading: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: EventStore,
    private readonly filter: ScanFilter,
  ) {}

  /** The kept events, caught up with a read started after the call: they hold all the caller can know of. */
  async all(): Promise<readonly RecordedEvent[]> {
    const read = this.reading.then(() => this.readCommitted());
    this.reading = read.catch(() => undefined);
    await read;
    return this.events;
  }

  private async readCommitted(): Promise<void> {
    const { events, scannedTo } = await this.store.scanAll({ fromPosition: this.scanned ?? 'start', filter: this.filter });
    // The scan starts at the last position scanned, inclusive: an event kept already is read again.
    for (const event of events) if (this.scanned === undefined || event.position > this.scanned) this.events.push(event);
    this.scanned = scannedTo ?? this.scanned;
  }
}
