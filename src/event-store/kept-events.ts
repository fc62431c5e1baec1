import type { EventStore, RecordedEvent } from './event-store.port.js';
import { pagesOfAll } from './event-pages.js';

/**
 * The events of `$all` that `keep` accepts, in `$all` order, read from the store (never from a read
 * model) and kept, so each call reads only what was committed since the last one (EventStoreDB
 * filters `$all` reads in the client: a filtered read from the last kept event would go through
 * every later event each time).
 */
export class KeptEvents {
  private readonly events: RecordedEvent[] = [];
  private seen: bigint | undefined;
  /** Reads run one after another: concurrent callers share the first, long read. */
  private reading: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: EventStore,
    private readonly keep: (event: RecordedEvent) => boolean,
  ) {}

  /** The kept events, caught up with a read started after the call: they hold all the caller can know of. */
  async all(): Promise<readonly RecordedEvent[]> {
    const read = this.reading.then(() => this.readCommitted());
    this.reading = read.catch(() => undefined);
    await read;
    return this.events;
  }

  private async readCommitted(): Promise<void> {
    for await (const page of pagesOfAll(this.store, this.seen ?? 'start')) {
      for (const event of page) {
        if (this.seen !== undefined && event.position <= this.seen) continue;
        if (this.keep(event)) this.events.push(event);
        this.seen = event.position;
      }
    }
  }
}
