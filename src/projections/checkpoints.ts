import type { DataSource, EntityManager } from 'typeorm';
import { sessionName } from './lease.js';

/** Where a projection stands: the `$all` position of the last event it applied, `undefined` before the first. */
export type Checkpoint = bigint | undefined;

/** Channel on which every committed checkpoint is announced, payload `{"name","position"}`. */
export const CHECKPOINT_CHANNEL = 'projection_checkpoint';
/** Channel on which a rebuild announces a reset, payload: the projection's name. */
export const RESET_CHANNEL = 'projection_reset';

const toCheckpoint = (rows: { position: string | null }[]): Checkpoint =>
  rows[0]?.position == null ? undefined : BigInt(rows[0].position);

/** Makes sure the projection's row exists (so it can be locked), and returns its checkpoint. */
export async function ensureCheckpoint(dataSource: DataSource, name: string): Promise<Checkpoint> {
  await dataSource.query('INSERT INTO projection_checkpoints (name, position) VALUES ($1, NULL) ON CONFLICT (name) DO NOTHING', [name]);
  return readCheckpoint(dataSource, name);
}

/**
 * The checkpoint of the projection named by the parameter `name` (`$1`, say), as a scalar subquery: a
 * statement that reads rows with it reads both in one snapshot. NULL before the first batch.
 */
export const checkpointOf = (name: string): string => `(SELECT position FROM projection_checkpoints WHERE name = ${name})`;

export async function readCheckpoint(dataSource: DataSource | EntityManager, name: string): Promise<Checkpoint> {
  return toCheckpoint(await dataSource.query(`SELECT ${checkpointOf('$1')} AS position`, [name]));
}

/**
 * Locks the projection's row for the rest of the transaction and returns its checkpoint and lease
 * epoch. The runner checks them against the position it resumed from and the epoch it claimed, so a
 * batch is never applied twice even if two processes ever ran the projection at once, a rebuild
 * reset it in between, or another process took the lead from a frozen one. The transaction takes
 * the projection's session name, so a process taking over from a frozen holder can end it.
 */
export async function lockCheckpoint(manager: EntityManager, name: string): Promise<{ position: Checkpoint; epoch: bigint }> {
  const rows: { position: string | null; epoch: string }[] = await manager.query(
    `SELECT set_config('application_name', $2, true), position, lease_epoch AS epoch FROM projection_checkpoints WHERE name = $1 FOR UPDATE`,
    [name, sessionName(name)],
  );
  return { position: toCheckpoint(rows), epoch: BigInt(rows[0].epoch) };
}

/** Moves the checkpoint and announces it (delivered on commit). */
export async function saveCheckpoint(manager: EntityManager, name: string, position: bigint): Promise<void> {
  await manager.query(
    `UPDATE projection_checkpoints SET position = $2, updated_at = now(), lease_renewed_at = now() WHERE name = $1`,
    [name, position.toString()],
  );
  await manager.query('SELECT pg_notify($1, $2)', [CHECKPOINT_CHANNEL, JSON.stringify({ name, position: position.toString() })]);
}

/**
 * Resets the checkpoint to the start. Called with the projection's `reset` in one transaction; the
 * row lock is taken first, the order the runner takes it, so a reset and a batch never interleave.
 */
export async function resetCheckpoint(manager: EntityManager, name: string): Promise<void> {
  await manager.query(
    `INSERT INTO projection_checkpoints (name, position) VALUES ($1, NULL)
     ON CONFLICT (name) DO UPDATE SET position = NULL, updated_at = now()`,
    [name],
  );
  await manager.query('SELECT pg_notify($1, $2)', [RESET_CHANNEL, name]);
}
