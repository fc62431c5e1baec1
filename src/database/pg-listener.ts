import pg from 'pg';
import { Observable, Subject } from 'rxjs';
import { backoff, withRetries } from '../common/retry.js';

/**
 * PostgreSQL LISTEN on one dedicated connection, fanned out as observables per channel. Every
 * process listens, so a change committed by whichever process runs a projection reaches all of
 * them. After a lost connection it reconnects and re-LISTENs; notifications sent meanwhile are
 * lost, so `reconnected` tells consumers to re-read what they wait for. Consumers that cannot wait
 * for the database to come back (the event store's append signal) poll meanwhile.
 */
export class PgListener {
  private client: pg.Client | undefined;
  private connecting: Promise<pg.Client> | undefined;
  private readonly channels = new Map<string, Subject<string>>();
  /** Aborted by `close()`: ends a pause between reconnect attempts at once. */
  private readonly closing = new AbortController();
  readonly reconnected = new Subject<void>();

  /** A connection string, or the configuration of the pool whose database is listened to. */
  constructor(private readonly connection: string | pg.ClientConfig) {}

  /**
   * Payloads on `channel`; resolves once LISTEN is in effect, so nothing committed afterwards is
   * missed (while the database is down, once it is back); rejects once closed.
   */
  async channel(name: string): Promise<Observable<string>> {
    let subject = this.channels.get(name);
    if (!subject) {
      subject = new Subject<string>();
      this.channels.set(name, subject);
      const client = await this.connected();
      await client.query(`LISTEN ${pg.escapeIdentifier(name)}`);
    } else {
      await this.connected();
    }
    return subject.asObservable();
  }

  async close(): Promise<void> {
    this.closing.abort();
    await this.connecting?.catch(() => undefined);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
    for (const subject of this.channels.values()) subject.complete();
    this.reconnected.complete();
  }

  private get closed(): boolean {
    return this.closing.signal.aborted;
  }

  private connected(): Promise<pg.Client> {
    if (this.client) return Promise.resolve(this.client);
    this.connecting ??= this.connect().finally(() => (this.connecting = undefined));
    return this.connecting;
  }

  /** Tries until connected and listening, pausing longer after each failure (to 5 s); gives up once closed. */
  private connect(): Promise<pg.Client> {
    return withRetries(() => this.tryConnect(), {
      pauseMs: backoff({ first: 200, max: 5_000 }),
      retryIf: () => !this.closed,
      signal: this.closing.signal,
    });
  }

  private async tryConnect(): Promise<pg.Client> {
    if (this.closed) throw new Error('PgListener is closed');
    const config = typeof this.connection === 'string' ? { connectionString: this.connection } : this.connection;
    const client = new pg.Client({ ...config, keepAlive: true, application_name: 'listener' });
    client.on('notification', ({ channel, payload }) => this.channels.get(channel)?.next(payload ?? ''));
    client.on('error', () => this.lost(client));
    client.on('end', () => this.lost(client));
    try {
      await client.connect();
      for (const channel of this.channels.keys()) await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      // Closed while connecting: `close()` has nothing to end but this.
      if (this.closed) throw new Error('PgListener is closed');
      this.client = client;
      return client;
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
  }

  private lost(client: pg.Client): void {
    if (client !== this.client || this.closed) return;
    this.client = undefined;
    void client.end().catch(() => undefined);
    void this.connected().then(() => this.reconnected.next(), () => undefined);
  }
}
