import type { DataSource } from 'typeorm';
import { LocalTurns, Turns } from '../common/commands/turns.js';

/**
 * Turns across every app instance that shares the database: a transaction-level advisory lock on the
 * name (`pg_advisory_xact_lock`, released at commit or rollback, so a process that dies releases it)
 * held while `work` runs. The process's own callers queue first (`LocalTurns`), so waiting holds one
 * pooled connection per instance, not one per request.
 */
export class PostgresTurns extends Turns {
  private readonly local = new LocalTurns();

  constructor(private readonly dataSource: DataSource) {
    super();
  }

  take<T>(name: string, work: () => Promise<T>): Promise<T> {
    return this.local.take(name, () =>
      this.dataSource.transaction(async (manager) => {
        await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`turns:${name}`]);
        return work();
      }),
    );
  }
}
