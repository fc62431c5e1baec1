import type { EventStore, RecordedEvent, ScanFilter } from './event-store.port.js';

/**
 * The events of `$all` that `filter` accepts, in `$all` order, read from the store (never from a
 * read model) and kept: every one committed before a call, for decisions. Each call scans only from
 * where no event could still appear after the last one (`scanAll`'s `scannedTo`, which on
 * EventStoreDB is the last event read, accepted or not), so a long history is gone through once per
 * process, and on PostgreSQL not at all (an index finds the events).
 */
export class KeptEvents {
  private readonly events: RecordedEvent[] = [];
  private readonly ids = new Set<string>();
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
    // A scan may hand out again the events from where the last one stopped; one that committed late
    // (PostgreSQL) may come before events kept already.
    const found = events.filter((event) => !this.ids.has(event.id));
    const late = found.length > 0 && this.events.length > 0 && found[0].position < this.events[this.events.length - 1].position;
    for (const event of found) {
      this.events.push(event);
      this.ids.add(event.id);
    }
    if (late) this.events.sort((a, b) => (a.position < b.position ? -1 : 1));
    this.scanned = scannedTo ?? this.scanned;
  }
}
