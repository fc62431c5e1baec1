import fc from 'fast-check';
import { DataSource } from 'typeorm';
import { ClockRuns1798700000000 } from '../../migrations/1798700000000-clock-runs.js';
import { appendToClock, type ClockTick, positionAt } from '../../src/incidents/read-models/temporal/temporal-clock.js';
import { testDataSource, type TestDataSource } from '../support/test-database.js';

/**
 * The record-time clock as the projection writes it, batch by batch (ticks of a batch in any order,
 * record times that go back), against its meaning: each event's time is the latest record time up
 * to it in position order, the last event of each run of equal times has a row, and a time stands
 * for the last event recorded by then.
 */
const START = Date.UTC(2024, 0, 1);

/** Events at positions 1, 2, … with record times a few milliseconds around each other, cut into batches given in shuffled order. */
const history = fc
  .array(fc.record({ at: fc.integer({ min: 0, max: 20 }), gap: fc.integer({ min: 1, max: 3 }), batchEnd: fc.boolean(), order: fc.nat() }), { minLength: 1, maxLength: 40 })
  .map((events) => {
    let position = 0n;
    const ticks = events.map(({ at, gap, batchEnd, order }) => ({ position: (position += BigInt(gap)), recordedAt: new Date(START + at), batchEnd, order }));
    const batches: (ClockTick & { order: number })[][] = [[]];
    for (const tick of ticks) {
      batches.at(-1)!.push(tick);
      if (tick.batchEnd) batches.push([]);
    }
    return { ticks, batches: batches.map((batch) => [...batch].sort((a, b) => a.order - b.order)) };
  });

describe('temporal record-time clock', () => {
  let db: TestDataSource;
  let dataSource: DataSource;

  beforeAll(async () => {
    db = await testDataSource();
    dataSource = db.dataSource;
  });
  afterAll(async () => {
    await db?.close();
  });

  it('holds the last event of each run of equal latest record times, however the events were batched, and maps a time to the last event recorded by then', async () => {
    await fc.assert(
      fc.asyncProperty(history, fc.array(fc.integer({ min: -1, max: 21 }), { minLength: 1, maxLength: 5 }), async ({ ticks, batches }, times) => {
        await dataSource.query('TRUNCATE temporal_event_clock');
        for (const batch of batches) await dataSource.transaction((manager) => appendToClock(manager, batch));
        let latest = -Infinity;
        const expected = ticks.map(({ position, recordedAt }) => ({ position: position.toString(), until: (latest = Math.max(latest, recordedAt.getTime())) }));
        const runEnds = expected.filter(({ until }, i) => expected[i + 1]?.until !== until);
        const rows = (await dataSource.query('SELECT position, recorded_until FROM temporal_event_clock ORDER BY position')) as { position: string; recorded_until: Date }[];
        expect(rows.map(({ position, recorded_until: until }) => ({ position, until: until.getTime() }))).toEqual(runEnds);
        for (const offset of times) {
          const time = START + offset;
          const recorded = expected.filter(({ until }) => until <= time);
          expect(await positionAt(dataSource.manager, new Date(time))).toEqual({
            position: BigInt(recorded.at(-1)?.position ?? 0),
            settled: recorded.length < expected.length,
          });
        }
      }),
      { numRuns: 40 },
    );
  }, 120_000);

  it('keeps, from a clock written with a row per event, the rows appending the same events writes', async () => {
    await fc.assert(
      fc.asyncProperty(history, async ({ ticks }) => {
        const rows = () => dataSource.query('SELECT position, recorded_until FROM temporal_event_clock ORDER BY position');
        await dataSource.query('TRUNCATE temporal_event_clock');
        await dataSource.transaction((manager) => appendToClock(manager, ticks));
        const appended = await rows();
        await dataSource.query('TRUNCATE temporal_event_clock');
        let latest = -Infinity;
        for (const { position, recordedAt } of ticks) {
          latest = Math.max(latest, recordedAt.getTime());
          await dataSource.query('INSERT INTO temporal_event_clock (position, recorded_until) VALUES ($1, $2)', [position.toString(), new Date(latest)]);
        }
        const runner = dataSource.createQueryRunner();
        await new ClockRuns1798700000000().up(runner).finally(() => runner.release());
        expect(await rows()).toEqual(appended);
      }),
      { numRuns: 20 },
    );
  }, 120_000);
});
