import type pg from 'pg';
import { from, merge, mergeMap, startWith, type Subscription } from 'rxjs';
import { PgListener } from '../../database/pg-listener.js';

/** LISTEN/NOTIFY channel; the payload is empty. */
export const APPEND_CHANNEL = 'event_store_appended';
/**
 * At most one NOTIFY per interval per process. A NOTIFY is itself a committed transaction and
 * PostgreSQL serialises notifying commits under one lock, so one inside every append would halve
 * append throughput; listeners only need to know "something changed", not what.
 */
const NOTIFY_INTERVAL_MS = 10;

/**
 * Wakes subscriptions when events may have been appended: at once for appends made through this
 * process, by LISTEN/NOTIFY (a `PgListener`) for appends from other processes. Subscriptions still
 * poll as a fallback (while the listener is down, or rows not yet visible), so a lost wake-up only
 * costs latency.
 */
export class AppendSignal {
  private generation = 0;
  private readonly waiters = new Set<() => void>();
  /** Its own LISTEN connection, to the pool's database: while it is down, waits end at their timeout (polling). */
  private readonly listener: PgListener;
  private listening?: Subscription;
  private throttle?: NodeJS.Timeout;
  private notifyAgain = false;
  private readonly notifications = new Set<Promise<unknown>>();
  private closed = false;

  constructor(private readonly pool: pg.Pool) {
    this.listener = new PgListener(pool.options);
  }

  /** Increases whenever something may have been appended; compare before and after a read. */
  get current(): number {
    return this.generation;
  }

  /** Called after an append through this process has committed. */
  appended(): void {
    this.wake();
    if (this.throttle) this.notifyAgain = true;
    else this.notifyOtherProcesses();
  }

  /** Resolves once `current` differs from `seen`, after `timeoutMs`, or when `abort` fires. */
  async changedSince(seen: number, timeoutMs: number, abort: AbortSignal): Promise<void> {
    this.listen();
    if (this.generation !== seen || abort.aborted || this.closed) return;
    await new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.waiters.delete(done);
        abort.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      this.waiters.add(done);
      abort.addEventListener('abort', done);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.throttle);
    this.wake();
    await Promise.all(this.notifications);
    this.listening?.unsubscribe();
    await this.listener.close();
  }

  private wake(): void {
    this.generation += 1;
    for (const waiter of [...this.waiters]) waiter();
  }

  private notifyOtherProcesses(): void {
    if (this.closed) return;
    // A failed NOTIFY only delays other processes' subscribers until their next poll.
    const sent = this.pool.query(`SELECT pg_notify('${APPEND_CHANNEL}', '')`).catch(() => undefined);
    this.notifications.add(sent);
    void sent.finally(() => this.notifications.delete(sent));
    this.throttle = setTimeout(() => {
      this.throttle = undefined;
      if (!this.notifyAgain) return;
      this.notifyAgain = false;
      this.notifyOtherProcesses();
    }, NOTIFY_INTERVAL_MS);
    this.throttle.unref();
  }

  /** Starts listening on first use; each time LISTEN takes effect (again), waiters re-read. */
  private listen(): void {
    if (this.closed || this.listening) return;
    const changes = from(this.listener.channel(APPEND_CHANNEL)).pipe(mergeMap((changes) => changes.pipe(startWith(''))));
    // Appends between a subscriber's last read and a LISTEN taking effect sent no wake-up it could see.
    this.listening = merge(changes, this.listener.reconnected).subscribe({ next: () => this.wake(), error: () => undefined });
  }
}
