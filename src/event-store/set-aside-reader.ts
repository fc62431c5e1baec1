import type { RecordedEvent } from './event-store.port.js';

/** A stored event as a fold reads it: what it needs of a `RecordedEvent`. */
export type StoredEvent = Pick<RecordedEvent, 'stream' | 'type' | 'data'>;

/**
 * Reads the stored events of a registry (sources, actors) in `$all` order for a fold that depends on
 * other streams than its own (the incidents projection, as-of reads, commands naming another
 * actor): a stream's events from its first one `parse` cannot read on are set aside, as the
 * registry's own projection quarantines that stream (docs/quarantine.md). One bad event of a
 * registry so changes no other entry of it, and stops no fold.
 */
export class SetAsideReader<Event> {
  private readonly setAside = new Set<string>();

  constructor(private readonly parse: (event: StoredEvent) => Event | undefined) {}

  /** The event as the folds take it; `undefined` for one set aside. */
  read(event: StoredEvent): Event | undefined {
    if (this.setAside.has(event.stream)) return undefined;
    const parsed = this.parse(event);
    if (parsed === undefined) this.setAside.add(event.stream);
    return parsed;
  }
}
