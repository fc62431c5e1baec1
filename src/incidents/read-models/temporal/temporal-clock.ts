import type { EntityManager } from 'typeorm';

/**
 * Events per row of `temporal_event_clock`. The clock is kept in rows of this many events (by their
 * order in `$all`, not by batch), so a replay writes the same rows as the live projection, and a
 * batch adds to one or two rows rather than one row per event.
 */
export const CLOCK_BUCKET = 1024;

/** One event on the record-time clock: its position and record time. */
export type ClockTick = { readonly position: bigint; readonly recordedAt: Date };

/**
 * Appends a batch's events, in `$all` order, to the record-time clock: each with the latest record
 * time up to it (a running maximum across batches, so the clock's times never go back), filling the
 * last bucket before opening the next, in one statement.
 */
export async function appendToClock(manager: EntityManager, ticks: readonly ClockTick[]): Promise<void> {
  if (ticks.length === 0) return;
  const [last] = (await manager.query(
    'SELECT bucket, cardinality(positions) AS size, recorded_until FROM temporal_event_clock ORDER BY bucket DESC LIMIT 1',
  )) as { bucket: string; size: number; recorded_until: Date }[];
  let bucket = last ? Number(last.bucket) : 0;
  let size = last?.size ?? 0;
  let until = last?.recorded_until.getTime() ?? -Infinity;
  const rows = new Map<number, { positions: string[]; times: string[] }>();
  for (const { position, recordedAt } of ticks) {
    if (size === CLOCK_BUCKET) [bucket, size] = [bucket + 1, 0];
    until = Math.max(until, recordedAt.getTime());
    const row = rows.get(bucket) ?? { positions: [], times: [] };
    row.positions.push(position.toString());
    row.times.push(new Date(until).toISOString());
    rows.set(bucket, row);
    size++;
  }
  await manager.query(
    `INSERT INTO temporal_event_clock (bucket, recorded_until, positions, recorded_untils)
     SELECT r.bucket, r.times[cardinality(r.times)], r.positions, r.times FROM jsonb_to_recordset($1::jsonb) AS r(bucket bigint, positions bigint[], times timestamptz[])
     ON CONFLICT (bucket) DO UPDATE SET recorded_until = excluded.recorded_until,
       positions = temporal_event_clock.positions || excluded.positions, recorded_untils = temporal_event_clock.recorded_untils || excluded.recorded_untils`,
    [JSON.stringify([...rows].map(([number, { positions, times }]) => ({ bucket: number, positions, times })))],
  );
}

/**
 * The position a record time stands for: the last event of `$all` up to which every event was
 * recorded by `time` (0 before the first). `settled`: an event recorded later is on the clock
 * already, so events still to come cannot move the answer. The first bucket whose latest time is
 * past `time` holds the answer, or the bucket before it ends with it.
 */
export async function positionAt(manager: EntityManager, time: Date): Promise<{ position: bigint; settled: boolean }> {
  const [row] = (await manager.query(
    `WITH next AS (SELECT bucket, positions, recorded_untils FROM temporal_event_clock WHERE recorded_until > $1 ORDER BY bucket LIMIT 1)
     SELECT coalesce(
         (SELECT max(u.position) FROM next, unnest(next.positions, next.recorded_untils) AS u(position, recorded_until) WHERE u.recorded_until <= $1),
         (SELECT positions[cardinality(positions)] FROM temporal_event_clock WHERE bucket < coalesce((SELECT bucket FROM next), 9223372036854775807) ORDER BY bucket DESC LIMIT 1)
       ) AS position,
       EXISTS (SELECT FROM next) AS settled`,
    [time],
  )) as { position: string | null; settled: boolean }[];
  return { position: BigInt(row.position ?? 0), settled: row.settled };
}
