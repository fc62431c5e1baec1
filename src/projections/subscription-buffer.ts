import type { EventSubscription, RecordedEvent } from '../event-store/event-store.port.js';

/**
 * Reads a subscription ahead into a bounded buffer, so the runner can take whatever has already
 * arrived as one batch: hundreds at a time while catching up, one by one when live, without ever
 * waiting for a batch to fill.
 */
export class SubscriptionBuffer {
  private readonly buffer: RecordedEvent[] = [];
  private ended = false;
  private failure: { error: unknown } | undefined;
  private wakeReader: (() => void) | undefined;
  private wakePump: (() => void) | undefined;

  constructor(
    private readonly subscription: EventSubscription,
    private readonly highWaterMark: number,
  ) {
    void this.pump();
  }

  /**
   * Up to `max` events: those already buffered, or the next one to arrive. An empty batch means the
   * subscription was closed; a store failure is thrown (resume from the last checkpoint).
   */
  async next(max: number): Promise<RecordedEvent[]> {
    while (this.buffer.length === 0) {
      if (this.failure) throw this.failure.error;
      if (this.ended) return [];
      await new Promise<void>((resolve) => (this.wakeReader = resolve));
    }
    const batch = this.buffer.splice(0, max);
    this.wakePump?.();
    return batch;
  }

  async close(): Promise<void> {
    this.ended = true;
    this.wakePump?.();
    this.wakeReader?.();
    await this.subscription.close();
  }

  private async pump(): Promise<void> {
    try {
      for await (const event of this.subscription) {
        if (this.ended) break;
        this.buffer.push(event);
        this.wakeReader?.();
        while (this.buffer.length >= this.highWaterMark && !this.ended) {
          await new Promise<void>((resolve) => (this.wakePump = resolve));
        }
      }
    } catch (error) {
      this.failure = { error };
    }
    this.ended = true;
    this.wakeReader?.();
  }
}
