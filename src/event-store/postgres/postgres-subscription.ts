import { backoff } from '../../common/retry.js';
import type { EventSubscription, RecordedEvent } from '../event-store.port.js';
import type { AllPage } from './all-page.js';
import type { AppendSignal } from './append-signal.js';
import { toPortError } from './pg-errors.js';

const PAGE_SIZE = 1000;
/** Fallback poll when no wake-up comes (listener down, or appends from a process that never notifies). */
const POLL_MS = 500;
/** While rows wait on an older running transaction (which may never notify), poll soon, backing off. */
const pendingPause = backoff({ first: 2, max: POLL_MS });

/**
 * Catch-up and live are one loop: read a page after the last position, hand it out, and when the
 * page is short wait for an append signal (or the poll timeout) before reading again.
 */
export class PostgresSubscription implements EventSubscription {
  private readonly abort = new AbortController();
  private iterating = false;

  constructor(
    private readonly readPage: (after: bigint, limit: number) => Promise<AllPage>,
    private readonly signal: AppendSignal,
    private readonly after: bigint,
  ) {}

  async close(): Promise<void> {
    this.abort.abort();
  }

  [Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    if (this.iterating) throw new Error('A subscription can be iterated once');
    this.iterating = true;
    return this.events();
  }

  private async *events(): AsyncGenerator<RecordedEvent> {
    let after = this.after;
    let pendingPolls = 0;
    while (!this.abort.signal.aborted) {
      const seen = this.signal.current;
      let page: AllPage;
      try {
        page = await this.readPage(after, PAGE_SIZE);
      } catch (error) {
        throw toPortError(error);
      }
      for (const event of page.events) {
        if (this.abort.signal.aborted) return;
        yield event;
      }
      // Past everything this filter accepts up to the snapshot bound, so a sparse filter does not rescan.
      if (page.complete > after) after = page.complete;
      if (page.events.length === PAGE_SIZE) continue;
      pendingPolls = page.pending ? pendingPolls + 1 : 0;
      await this.signal.changedSince(seen, page.pending ? pendingPause(pendingPolls) : POLL_MS, this.abort.signal);
    }
  }
}
