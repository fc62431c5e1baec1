import type { DataSource } from 'typeorm';
import { TurnNotTaken } from '../common/commands/application-errors.js';
import { LocalTurns, Turns } from '../common/commands/turns.js';
import { anyCause } from './connection-errors.js';

/** How long a command waits for its turn, and how long a holder may stay idle in it, in seconds. */
export interface TurnLimits {
  readonly waitSeconds: number;
  readonly holdSeconds: number;
}

/**
 * Turns across every app instance that shares the database: a transaction-level advisory lock on the
 * name (`pg_advisory_xact_lock`, released at commit or rollback, so a process that dies releases it)
 * held while `work` runs. The process's own callers queue first (`LocalTurns`), so waiting holds one
 * pooled connection per instance, not one per request. Bounded both ways: a command that waits over
 * `waitSeconds` for its turn is answered `TurnNotTaken` (503 `COMMAND.BUSY`), and PostgreSQL ends the
 * session of a holder idle in its turn for over `holdSeconds` (a frozen process), which frees the lock.
 */
export class PostgresTurns extends Turns {
  private readonly local = new LocalTurns();

  constructor(
    private readonly dataSource: DataSource,
    private readonly limits: TurnLimits = { waitSeconds: 10, holdSeconds: 30 },
  ) {
    super();
  }

  take<T>(name: string, work: () => Promise<T>): Promise<T> {
    const { waitSeconds, holdSeconds } = this.limits;
    return this.local.take(name, () =>
      this.dataSource.transaction(async (manager) => {
        await manager.query(`SET LOCAL lock_timeout = '${waitSeconds}s'; SET LOCAL idle_in_transaction_session_timeout = '${holdSeconds}s'`);
        await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`turns:${name}`]).catch((error: unknown) => {
          // 55P03 lock_not_available: the wait ran out.
          throw anyCause(error, ({ code }) => code === '55P03') ? new TurnNotTaken(name, waitSeconds) : error;
        });
        return work();
      }),
    );
  }
}
