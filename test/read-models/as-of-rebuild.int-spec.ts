import { randomUUID } from 'node:crypto';
import { jest } from '@jest/globals';
import { incidentWorkload } from '../../bench/incident-workload.js';
import { TallyDiffService } from '../../src/incidents/audit/tally-diff.service.js';
import { DomainError } from '../../src/incidents/domain/domain-error.js';
import { AsOfTallyService } from '../../src/incidents/audit/as-of-tally.service.js';
import { parseAsOf } from '../../src/incidents/audit/as-of.js';
import { TemporalTallies } from '../../src/incidents/read-models/temporal/temporal-tallies.queries.js';
import { ProjectionBehind } from '../../src/projections/projection-positions.js';
import { resetProjection } from '../../src/projections/rebuild.js';
import { emptyDirectory } from '../../src/sources/domain/source-directory.js';
import { SourceRegistryLog } from '../../src/sources/stored-events/source-registry-log.js';
import { postgresEventStore } from '../support/event-stores.js';
import { migratedHarness, type MigratedHarness } from '../projections/projection-harness.js';

/** An as-of read whose cut the temporal rows had reached, when a rebuild resets them before its rows are read. */
describe('as-of reads and a rebuild', () => {
  let harness: MigratedHarness;
  let temporal: TemporalTallies;
  let asOf: AsOfTallyService;
  let cut: bigint;
  const view = { directory: emptyDirectory };

  beforeAll(async () => {
    harness = await migratedHarness(postgresEventStore);
    for (const { events } of incidentWorkload({ events: 200, seed: 31 })) await harness.append(events);
    await harness.catchUp();
    temporal = new TemporalTallies(harness.dataSource);
    asOf = new AsOfTallyService(harness.store, harness.dataSource, new SourceRegistryLog(harness.store), temporal, harness.positions);
    cut = await harness.store.headPosition();
  });
  afterAll(() => harness?.close());

  it('takes a position past the head as the position the rows reached then (the present)', async () => {
    const [past] = await asOf.cutsOf([parseAsOf(String(cut + 1_000n))]);
    expect(past).toBe(cut);
  });

  it('leaves no failure unhandled when an incident unknown at both cuts is asked beside record changes that fail', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => void unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    const failing = new TemporalTallies(harness.dataSource);
    jest.spyOn(failing, 'recordChanges').mockRejectedValue(new ProjectionBehind('incidents', cut, 0));
    try {
      const [answer] = await new TallyDiffService(asOf, failing, harness.store).incidents([{ incidentId: randomUUID(), from: '0', to: String(cut) }]);
      expect(answer).toBeInstanceOf(DomainError);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('answers every read of a cut reached before the reset as behind (503), never from the emptied rows', async () => {
    const incidentIds = (await temporal.incidents(cut, view)).map(({ incidentId }) => incidentId);
    expect(incidentIds.length).toBeGreaterThan(5);
    const reads = [
      () => temporal.incidents(cut, view),
      () => temporal.incidentsAt([{ incidentId: incidentIds[0], at: cut, view }]),
      () => temporal.groups(cut, view, {}, ['COUNTRY']),
      () => temporal.withoutCheckpoints(cut, view, {}, ['COUNTRY']),
      () => temporal.recordChanges(0n, cut),
      () => temporal.mergedRecords(0n, cut),
    ];
    for (const read of reads) await expect(read()).resolves.toBeDefined();

    await resetProjection(harness.dataSource, harness.projection);
    for (const read of reads) await expect(read()).rejects.toBeInstanceOf(ProjectionBehind);
    // A cut the rows no longer reach is not taken as reached: the read waits, then answers 503.
    await expect(asOf.cutsOf([parseAsOf(String(cut))])).rejects.toBeInstanceOf(ProjectionBehind);

    await harness.catchUp();
    expect((await temporal.incidents(cut, view)).map(({ incidentId }) => incidentId).sort()).toEqual([...incidentIds].sort());
  });
});
