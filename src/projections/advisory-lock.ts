import pg from 'pg';
import { sessionName } from './lease.js';

/**
 * A PostgreSQL session advisory lock on a dedicated connection: held as long as that connection
 * lives, so when the holding process dies (even SIGKILL) the server drops the session and the lock,
 * and a process polling `tryAcquire` takes over.
 */
export class AdvisoryLock {
  private client: pg.Client | undefined;
  private isHeld = false;

  constructor(
    private readonly connectionString: string,
    private readonly key: string,
    /** Called when a held lock is lost with its connection. */
    private readonly onLost: () => void,
    /** Run on the lock's session right after it is taken (the lock is given up if it fails). */
    private readonly onAcquired: (session: pg.Client) => Promise<void> = async () => {},
  ) {}

  get held(): boolean {
    return this.isHeld;
  }

  /** True if this process holds the lock now (already or newly); false if another does or the database is unreachable. */
  async tryAcquire(): Promise<boolean> {
    if (this.isHeld) return true;
    try {
      this.client ??= await this.connect();
      const { rows } = await this.client.query<{ locked: boolean }>(
        "SELECT pg_try_advisory_lock(hashtext('projection'), hashtext($1)) AS locked",
        [this.key],
      );
      if (rows[0].locked) await this.onAcquired(this.client);
      this.isHeld = rows[0].locked;
    } catch {
      await this.release();
    }
    return this.isHeld;
  }

  /** Ends the session, which releases the lock. */
  async release(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.isHeld = false;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: this.connectionString, keepAlive: true, application_name: sessionName(this.key) });
    const lost = () => {
      if (client !== this.client) return;
      const wasHeld = this.isHeld;
      void this.release();
      if (wasHeld) this.onLost();
    };
    client.on('error', lost);
    client.on('end', lost);
    await client.connect();
    return client;
  }
}
