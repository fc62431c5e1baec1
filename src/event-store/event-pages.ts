import type { EventStore, RecordedEvent } from './event-store.port.js';

/** Events per read: bounds memory for exports and verifications of any history size. */
export const PAGE_SIZE = 500;

/**
 * `$all` forwards from `from` (inclusive) in pages of at most `pageSize`, so whole-store passes run
 * in constant memory. Each read after the first starts at the previous page's last position
 * (inclusive reads are what both adapters serve exactly) and drops that event again.
 */
export async function* pagesOfAll(store: EventStore, from: bigint | 'start' = 'start', pageSize = PAGE_SIZE): AsyncGenerator<RecordedEvent[]> {
  let fromPosition = from;
  let seen: bigint | undefined;
  for (;;) {
    const maxCount = pageSize + (seen === undefined ? 0 : 1);
    const read = await store.readAll({ fromPosition, maxCount });
    const page = seen === undefined ? read : read.filter((event) => event.position > seen!);
    if (page.length > 0) yield page;
    if (read.length < maxCount || page.length === 0) return;
    seen = fromPosition = page.at(-1)!.position;
  }
}

/** One stream forwards in pages; nothing when the stream does not exist. */
export async function* pagesOfStream(store: EventStore, stream: string, pageSize = PAGE_SIZE): AsyncGenerator<RecordedEvent[]> {
  for (let fromRevision = 0n; ; ) {
    const page = await store.readStreamIfAny(stream, { fromRevision, maxCount: pageSize });
    if (page.length > 0) yield page;
    if (page.length < pageSize) return;
    fromRevision = page.at(-1)!.revision + 1n;
  }
}
