import { toIncidentEvent } from '../../src/incidents/stored-events/incident-events.js';
import type { IncidentEvent } from '../../src/incidents/domain/events.js';
import { tallyOf } from '../../src/incidents/domain/tally.js';
import { CasualtyFigureRow } from '../../src/incidents/read-models/incident-figures/casualty-figure.entity.js';
import { HostageFigureRow } from '../../src/incidents/read-models/incident-figures/hostage-figure.entity.js';
import { SourceFigureRow } from '../../src/incidents/read-models/incident-figures/source-figure.entity.js';
import { IncidentSummaryRow } from '../../src/incidents/read-models/incident-summary/incident-summary.entity.js';
import {
  closed,
  corrected,
  hostagesReleased,
  hostagesTaken,
  INCIDENT_ID,
  killed,
  MEDIA,
  note,
  opened,
  retracted,
  vehiclesSeized,
  villaUnionCasualties,
} from '../support/incident-fixtures.js';
import { resetProjection } from '../../src/projections/rebuild.js';
import type { EventStoreUnderTest } from '../support/event-stores.js';
import { migratedHarness, type MigratedHarness } from '../projections/projection-harness.js';

/** The worked example as recorded, plus a second source, a correction, a retraction, hostages, a seizure, a note. */
const HISTORY: IncidentEvent[] = [
  ...villaUnionCasualties,
  killed(8, 'armed_group', 20, 'cumulative', MEDIA),
  hostagesTaken(9, 'civilian', 4),
  hostagesReleased(10, 'civilian', 2, 'rescued'),
  vehiclesSeized(11, 17),
  note(12),
  corrected(8, 21),
  retracted(11),
  closed,
];

/** Runs against the event store `eventStore()` gives. */
export function describeIncidentsProjection(name: string, eventStore: () => Promise<EventStoreUnderTest>) {
  describe(`incidents projection (${name})`, () => {
    let harness: MigratedHarness;

    beforeAll(async () => {
      harness = await migratedHarness(eventStore);
    });
    afterAll(async () => {
      await harness?.close();
    });

    it('given events, writes the summary, records, figures and the tally of the domain', async () => {
      const recorded = await harness.append(HISTORY);
      const runner = harness.runner({ batchSize: 4 });
      runner.start();
      await harness.waitFor(recorded.at(-1)!.position);

      const expected = tallyOf(recorded.map(toIncidentEvent));
      // The media's later cumulative 21 (corrected from 20) is the armed-group best: 21 + 4 police + 2 civilian + 3 unknown.
      expect(expected.killed.total.best).toBe(30);
      // Read through the entities: figure columns are bigint, which the rows give back as numbers.
      const [summary] = await harness.dataSource.getRepository(IncidentSummaryRow).find();
      expect(summary).toMatchObject({
        incidentId: INCIDENT_ID,
        revision: String(HISTORY.length - 1),
        title: opened.data.title,
        status: 'closed',
        country: 'MX',
        admin1: 'Coahuila',
        tags: ['cartel'],
        vehiclesSeized: 0,
        weaponsSeized: 0,
        arrests: 0,
        tally: expected,
      });

      const records = await harness.dataSource.query('SELECT record_id, seq, count, corrected, retracted, summary FROM incident_records ORDER BY seq');
      expect(records).toHaveLength(12);
      expect(records[7]).toMatchObject({ seq: 7, count: 21, corrected: true, retracted: false, summary: 'El Siglo de Torreón (media): 21 armed group killed (cumulative)' });
      expect(records[10]).toMatchObject({ count: 17, corrected: false, retracted: true });

      const figures = await harness.dataSource.getRepository(CasualtyFigureRow).find({ select: { party: true, best: true, low: true, high: true }, where: { outcome: 'killed' }, order: { party: 'ASC' } });
      expect(figures).toEqual([
        { party: 'armed_group', best: 21, low: 14, high: 21 },
        { party: 'civilian', best: 2, low: 2, high: 2 },
        { party: 'police', best: 4, low: 4, high: 4 },
        { party: 'unknown', best: 3, low: 3, high: 3 },
      ]);
      const sources = await harness.dataSource.getRepository(SourceFigureRow).find({ select: { source: true, figure: true }, where: { party: 'armed_group' }, order: { source: 'ASC' } });
      expect(sources).toEqual([
        { source: 'Coahuila state government', figure: 14 },
        { source: 'El Siglo de Torreón', figure: 21 },
      ]);
      const hostages = await harness.dataSource.getRepository(HostageFigureRow).find({ select: { party: true, taken: true, released: true, rescued: true, held: true } });
      expect(hostages).toEqual([{ party: 'civilian', taken: 4, released: 2, rescued: 2, held: 2 }]);
      await runner.stop();
    });

    it('replaying the same events again gives the same rows', async () => {
      const before = await harness.snapshot();
      await harness.dataSource.query('UPDATE projection_checkpoints SET position = NULL');
      await harness.catchUp({ batchSize: 3 });
      expect(await harness.snapshot()).toEqual(before);
    });

    it('resetting and replaying from the start gives the same rows', async () => {
      const before = await harness.snapshot();
      await resetProjection(harness.dataSource, harness.projection);
      expect((await harness.snapshot()).incident_summaries).toEqual([]);
      await harness.catchUp();
      expect(await harness.snapshot()).toEqual(before);
    });

    it('a batch that fails part-way leaves no rows, and the retry from the checkpoint gives the same rows', async () => {
      const before = await harness.snapshot();
      await resetProjection(harness.dataSource, harness.projection);
      // The first statement writing hostages fails: a sequence is not rolled back with it, so only the first.
      await harness.dataSource.query(`
        CREATE SEQUENCE hostage_writes;
        CREATE FUNCTION fail_first_hostage_write() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN IF nextval('hostage_writes') = 1 THEN RAISE EXCEPTION 'injected failure'; END IF; RETURN NULL; END $$;
        CREATE TRIGGER fail_first_hostage_write AFTER INSERT ON incident_hostages FOR EACH STATEMENT EXECUTE FUNCTION fail_first_hostage_write();`);
      try {
        // Hostages come in the third batch of four, after its summary and records were written.
        await harness.catchUp({ batchSize: 4 });
        const [{ writes }] = await harness.dataSource.query('SELECT last_value AS writes FROM hostage_writes');
        expect(Number(writes)).toBeGreaterThan(1); // it failed once, and was written after
      } finally {
        await harness.dataSource.query('DROP TRIGGER fail_first_hostage_write ON incident_hostages; DROP FUNCTION fail_first_hostage_write; DROP SEQUENCE hostage_writes');
      }
      expect(await harness.snapshot()).toEqual(before);
    });

    it('a writer started after a merge still counts the merged incident into its survivor', async () => {
      const survivor = 'a0000000-0000-4000-8000-000000000001';
      const merged = 'a0000000-0000-4000-8000-000000000002';
      const of = (incidentId: string, event: IncidentEvent) => ({ ...event, data: { ...event.data, incidentId } }) as IncidentEvent;
      await harness.append([
        of(survivor, opened),
        of(survivor, killed(101, 'civilian', 4)),
        of(merged, opened),
        of(merged, killed(102, 'civilian', 5, 'incremental', MEDIA)),
        { type: 'IncidentMergedInto', data: { incidentId: merged, into: survivor } },
      ]);
      await harness.catchUp();
      // Each catch-up runs a new writer: this one has folded no merge, the rows hold one.
      await harness.append([of(survivor, killed(103, 'civilian', 6))]);
      await harness.catchUp();
      const [{ tally }] = await harness.dataSource.query('SELECT tally FROM incident_summaries WHERE incident_id = $1', [survivor]);
      expect(tally.killed.byParty[0].sources).toContainEqual({ name: MEDIA.name, figure: 5 });
    });

    it('a survivor merged in turn into another keeps only its own figure rows, as a replay writes them', async () => {
      const [root, middle, first] = ['b0000000-0000-4000-8000-000000000001', 'b0000000-0000-4000-8000-000000000002', 'b0000000-0000-4000-8000-000000000003'];
      const of = (incidentId: string, event: IncidentEvent) => ({ ...event, data: { ...event.data, incidentId } }) as IncidentEvent;
      await harness.append([of(root, opened), of(middle, opened), of(middle, killed(201, 'civilian', 1)), of(first, opened), of(first, killed(202, 'police', 5, 'incremental', MEDIA))]);
      await harness.append([{ type: 'IncidentMergedInto', data: { incidentId: first, into: middle } }]);
      await harness.catchUp();
      // In a later batch: the middle incident's rows were a survivor's, with the first one's police.
      await harness.append([{ type: 'IncidentMergedInto', data: { incidentId: middle, into: root } }]);
      await harness.catchUp();
      const figures = (table: string, id: string) => harness.dataSource.query(`SELECT party, figure::int FROM ${table} WHERE incident_id = $1 ORDER BY party`, [id]);
      expect(await figures('incident_source_figures', middle)).toEqual([{ party: 'civilian', figure: 1 }]);
      expect(await figures('incident_source_figures', root)).toEqual([{ party: 'civilian', figure: 1 }, { party: 'police', figure: 5 }]);
    });
  });
}
