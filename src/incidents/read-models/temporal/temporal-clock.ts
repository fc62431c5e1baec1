import type { EntityManager } from 'typeorm';
import { type BulkWrite, copyRows } from '../../../projections/bulk-write.js';

/** One event on the record-time clock: its position and record time. */
export type ClockTick = { readonly position: bigint; readonly recordedAt: Date };

const CLOCK: BulkWrite = { table: 'temporal_event_clock', columns: { position: 'bigint', recorded_until: 'timestamptz' } };

/**
 * Adds a batch's events to the record-time clock. Each event's time is the latest record time up to
 * it in `$all` order, at least the clock's latest so far (so its times never go back). Only the last
 * event of each run of equal times has a row: a time stands for the last event recorded by then, so
 * the others are never an answer. A run that goes on from the previous batch moves its row to the
 * run's new end, so the rows do not depend on how events were batched, nor on the order of `ticks`.
 * The running maximum is taken here and the rows go by COPY: PostgreSQL neither parses them as JSON
 * nor sorts them for a window.
 */
export async function appendToClock(manager: EntityManager, ticks: readonly ClockTick[]): Promise<void> {
  if (ticks.length === 0) return;
  const [latest] = (await manager.query('SELECT position, recorded_until FROM temporal_event_clock ORDER BY recorded_until DESC, position DESC LIMIT 1')) as {
    position: string;
    recorded_until: Date;
  }[];
  let until = latest?.recorded_until.getTime() ?? -Infinity;
  const rows: { position: bigint; recorded_until: string }[] = [];
  for (const { position, recordedAt } of [...ticks].sort((a, b) => (a.position < b.position ? -1 : 1))) {
    const time = Math.max(until, recordedAt.getTime());
    if (time === until && rows.length > 0) rows[rows.length - 1].position = position;
    else rows.push({ position, recorded_until: new Date((until = time)).toISOString() });
  }
  if (latest && rows[0].recorded_until === latest.recorded_until.toISOString()) {
    await manager.query('DELETE FROM temporal_event_clock WHERE recorded_until = $1 AND position = $2', [latest.recorded_until, latest.position]);
  }
  await copyRows(manager, CLOCK, rows);
}

/**
 * The position a record time stands for: the last event of `$all` up to which every event was
 * recorded by `time` (0 before the first); every as-of read of that time reads that position
 * (`AsOfTallyService.cutsOf`). Record times are stamped before the append, so they can run
 * backwards across streams: an event recorded by `time` after one recorded later was appended later
 * too, and is not known then. `settled`: an event recorded later is on the clock already, so events
 * still to come cannot move the answer.
 */
export async function positionAt(manager: EntityManager, time: Date): Promise<{ position: bigint; settled: boolean }> {
  return (await positionsAt(manager, [time]))[0];
}

/** `positionAt` for each of `times`, in their order, in one statement (two index probes each). */
export async function positionsAt(manager: EntityManager, times: readonly Date[]): Promise<{ position: bigint; settled: boolean }[]> {
  if (times.length === 0) return [];
  const rows = (await manager.query(
    `SELECT (SELECT position FROM temporal_event_clock WHERE recorded_until <= t.time ORDER BY recorded_until DESC, position DESC LIMIT 1) AS position,
            EXISTS (SELECT FROM temporal_event_clock WHERE recorded_until > t.time) AS settled
     FROM unnest($1::timestamptz[]) WITH ORDINALITY AS t (time, n) ORDER BY t.n`,
    [times],
  )) as { position: string | null; settled: boolean }[];
  return rows.map((row) => ({ position: BigInt(row.position ?? 0), settled: row.settled }));
}
