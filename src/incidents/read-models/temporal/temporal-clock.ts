import type { EntityManager } from 'typeorm';

/** One event on the record-time clock: its position and record time. */
export type ClockTick = { readonly position: bigint; readonly recordedAt: Date };

/**
 * Adds a batch's events to the record-time clock, one row per event keyed by its position (so the
 * rows do not depend on how events were batched or in which order they arrived): each with the
 * latest record time up to it in `$all` order, at least the clock's latest so far (so its times
 * never go back), in one statement.
 */
export async function appendToClock(manager: EntityManager, ticks: readonly ClockTick[]): Promise<void> {
  if (ticks.length === 0) return;
  await manager.query(
    `INSERT INTO temporal_event_clock (position, recorded_until)
     SELECT r.position, greatest(max(r.recorded_at) OVER (ORDER BY r.position), (SELECT recorded_until FROM temporal_event_clock ORDER BY position DESC LIMIT 1))
     FROM jsonb_to_recordset($1::jsonb) AS r(position bigint, recorded_at timestamptz)`,
    [JSON.stringify(ticks.map(({ position, recordedAt }) => ({ position: position.toString(), recorded_at: recordedAt })))],
  );
}

/**
 * The position a record time stands for: the last event of `$all` up to which every event was
 * recorded by `time` (0 before the first). Equal to the fold's per-incident cut while record times
 * grow with positions, as the store's append gives them. `settled`: an event recorded later is on
 * the clock already, so events still to come cannot move the answer.
 */
export async function positionAt(manager: EntityManager, time: Date): Promise<{ position: bigint; settled: boolean }> {
  const [row] = (await manager.query(
    `SELECT (SELECT position FROM temporal_event_clock WHERE recorded_until <= $1 ORDER BY recorded_until DESC, position DESC LIMIT 1) AS position,
            EXISTS (SELECT FROM temporal_event_clock WHERE recorded_until > $1) AS settled`,
    [time],
  )) as { position: string | null; settled: boolean }[];
  return { position: BigInt(row.position ?? 0), settled: row.settled };
}
