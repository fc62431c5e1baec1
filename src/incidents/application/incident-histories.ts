import { LRUCache } from 'lru-cache';
import { type EarlierCommand, type FoldedStream, rememberCommand } from '../../common/commands/folded-stream.js';
import type { EventStore, RecordedEvent } from '../../event-store/event-store.port.js';
import { evolveInto, initialState, type IncidentState } from '../domain/incident.js';
import type { LedgerEntry } from '../domain/record-ledger.js';
import { toIncidentEvent } from '../stored-events/incident-events.js';

interface Folding extends FoldedStream<IncidentState> {
  state: IncidentState;
  last: RecordedEvent;
  readonly ledger: Map<string, LedgerEntry>;
  readonly commands: Map<string, EarlierCommand>;
}

/** Streams whose folding is kept; the least recently used beyond this are dropped. */
const KEPT = 1_000;

/**
 * Incident histories for the command handler, folded with the domain's `evolveInto`. The foldings
 * of recently used streams are kept, so the next command reads only from their last event on (one
 * read, never the whole stream again). That read starts at the last event folded, which must come
 * back with the same id; otherwise (a store emptied or replaced under a running process) the
 * stream is read and folded from the start. Only events read from the store are folded, never
 * ahead of it: a folding that is behind (another process appended) is caught up by the next read,
 * and a decision made on it loses the append race and is retried as before.
 */
export class IncidentHistories {
  private readonly kept = new LRUCache<string, Folding>({ max: KEPT });

  constructor(private readonly store: EventStore) {}

  /** The stream folded to its end as read now; `undefined` for a stream with no events. */
  async read(stream: string): Promise<FoldedStream<IncidentState> | undefined> {
    const kept = this.kept.get(stream);
    // Its last event now: a concurrent command's read may fold further while this one waits.
    const from = kept?.last;
    const events = await this.store.readStreamIfAny(stream, from === undefined ? {} : { fromRevision: from.revision });
    let folding = kept;
    if (from && events[0]?.id !== from.id) {
      this.kept.delete(stream);
      return this.read(stream);
    }
    for (const event of events) {
      // Events up to the folding's last are there already (the read starts at it; a concurrent command's read may have folded more).
      if (folding && event.revision <= folding.last.revision) continue;
      folding ??= { state: initialState, last: event, ledger: new Map(), commands: new Map() };
      fold(folding, event);
    }
    if (folding === undefined) return undefined;
    this.kept.set(stream, folding);
    return folding;
  }
}

function fold(folding: Folding, event: RecordedEvent): void {
  folding.state = evolveInto(folding.ledger, folding.state, toIncidentEvent(event));
  folding.last = event;
  rememberCommand(folding.commands, event);
}
