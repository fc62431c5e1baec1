import type pg from 'pg';
import type { DataSource } from 'typeorm';
import type { EventStore } from '../event-store/event-store.port.js';

/** `application_name` of a projection's lock session; the batch transactions take it too (see `lockCheckpoint`), so a taker can end them. */
export const sessionName = (projection: string): string => `projection:${projection}`;

/**
 * Opens a new lease epoch for the process that just took the projection's advisory lock. Run on the
 * lock's own session, so only a process that holds the lock at that moment can claim it. Every batch
 * transaction then checks the epoch on the checkpoint row it locks: a holder that lost the lead
 * (frozen, then woken) finds another epoch and writes nothing.
 */
export async function claimLease(lockSession: pg.Client, projection: string): Promise<bigint> {
  const { rows } = await lockSession.query<{ epoch: string }>(
    `INSERT INTO projection_checkpoints (name, position, lease_epoch) VALUES ($1, NULL, 1)
     ON CONFLICT (name) DO UPDATE SET lease_epoch = projection_checkpoints.lease_epoch + 1, lease_renewed_at = now()
     RETURNING lease_epoch AS epoch`,
    [projection],
  );
  return BigInt(rows[0].epoch);
}

/** Shows the holder alive while it waits for events (committed batches renew it too); a no-op once the epoch is not `epoch`. */
export async function renewLease(dataSource: DataSource, projection: string, epoch: bigint): Promise<void> {
  await dataSource.query('UPDATE projection_checkpoints SET lease_renewed_at = now() WHERE name = $1 AND lease_epoch = $2', [projection, epoch.toString()]);
}

/**
 * Called by a process that did not get the lock: when the holder has neither committed nor renewed
 * for `leaseMs` (database clock) while events wait past its checkpoint, ends the holder's lock
 * session and any batch transaction of it, so the lock is free at the next try and no row lock of
 * the frozen holder blocks the next holder. True if it ended a holder.
 */
export async function breakStaleLease(dataSource: DataSource, store: EventStore, projection: string, leaseMs: number): Promise<boolean> {
  const [row] = await dataSource.query(
    `SELECT position, lease_renewed_at < now() - make_interval(secs => $2) AS expired FROM projection_checkpoints WHERE name = $1`,
    [projection, leaseMs / 1000],
  );
  if (!row?.expired) return false;
  if ((await store.headPosition()) <= BigInt(row.position ?? 0)) return false;
  const ended = await dataSource.query(
    // Its lock session (holding the advisory lock) and its batch transactions (not idle); not the sessions of processes waiting for the lock.
    `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
     WHERE application_name = $1 AND pid <> pg_backend_pid()
       AND (state <> 'idle' OR pid IN (SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted))`,
    [sessionName(projection)],
  );
  return ended.length > 0;
}
