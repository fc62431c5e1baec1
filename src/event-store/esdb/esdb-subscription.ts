import type { AllStreamSubscription } from '@eventstore/db-client';
import type { EventSubscription, RecordedEvent } from '../event-store.port.js';
import { EventStoreUnavailable } from '../event-store.errors.js';
import { toPortError, toRecordedEvent } from './esdb-mapping.js';

/**
 * A client `$all` subscription seen through the port. The server filters by stream name; `accepts`
 * checks again here so that no filter quirk (an empty prefix matches `$` streams) lets a system event
 * through. Recovery is the consumer's, as the port says: when the connection drops, the iteration
 * ends with `EventStoreUnavailable` and the consumer subscribes again from the last position it saw
 * (the client reconnects on that next call). Resuming silently in here would hide the outage from
 * `/health` and from the projection runner's lag, and would need a second copy of the position
 * bookkeeping the runner already keeps in its checkpoint.
 */
export class EsdbSubscription implements EventSubscription {
  private closed = false;

  constructor(
    private readonly source: AllStreamSubscription,
    private readonly accepts: (event: RecordedEvent) => boolean,
  ) {}

  async *[Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    try {
      for await (const resolved of this.source) {
        const event = toRecordedEvent(resolved);
        if (event && this.accepts(event)) yield event;
      }
      // A subscription never completes on its own; the server ending it is an outage like any other.
      if (!this.closed) throw new EventStoreUnavailable('the server ended the $all subscription');
    } catch (error) {
      if (!this.closed) throw toPortError(error);
    } finally {
      // A consumer that stops iterating (`break`) is done with the subscription: cancel the call.
      await this.close();
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.source.unsubscribe();
    // Cancelling the call does not end the piped stream; destroying it ends a pending `for await`.
    this.source.destroy();
  }
}
