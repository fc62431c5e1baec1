import { firstChainBreak } from '../../event-store/envelope.js';
import type { EventStore } from '../../event-store/event-store.port.js';
import { pagesOfAll } from '../../event-store/event-pages.js';

/** The first event of a stream whose stored hash is not the one recomputed from the stream. */
export interface ChainBreakFinding {
  readonly stream: string;
  readonly revision: string;
  readonly eventId: string;
  readonly expectedHash: string;
  readonly storedHash: string | null;
}

export interface ChainVerification {
  readonly streams: number;
  readonly events: number;
  readonly breaks: readonly ChainBreakFinding[];
}

/**
 * Recomputes the hash chain of every stream the application writes (incidents, actors, any kind to
 * come; not EventStoreDB's own `$` streams) from the stored events (not upcast: the hashes cover the
 * data as written). Streams are found by one pass over `$all`, then checked one at a time.
 */
export async function verifyHashChains(store: EventStore): Promise<ChainVerification> {
  const streams = new Set<string>();
  let events = 0;
  for await (const page of pagesOfAll(store)) {
    for (const event of page) {
      if (event.stream.startsWith('$')) continue;
      streams.add(event.stream);
      events++;
    }
  }
  const breaks: ChainBreakFinding[] = [];
  for (const stream of streams) {
    const broken = firstChainBreak(await store.readStreamIfAny(stream));
    if (broken) {
      breaks.push({ stream, revision: broken.revision.toString(), eventId: broken.eventId, expectedHash: broken.expected, storedHash: broken.actual ?? null });
    }
  }
  return { streams: streams.size, events, breaks };
}
