import { randomUUID } from 'node:crypto';
import { setTimeout } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { INCIDENTS_PROJECTION, IncidentsProjection } from '../../src/incidents/read-models/incidents.projection.js';
import { AsOfTallyService } from '../../src/incidents/audit/as-of-tally.service.js';
import { filterableOf } from '../../src/incidents/domain/incident-filter.js';
import { type GroupBy, groupTallies } from '../../src/incidents/domain/tally-groups.js';
import { makeDueCheckpoints } from '../../src/incidents/read-models/temporal/tally-checkpointer.js';
import { TemporalTallies } from '../../src/incidents/read-models/temporal/temporal-tallies.queries.js';
import { incidentStream } from '../../src/event-store/stream-names.js';
import { ProjectionPositions } from '../../src/projections/projection-positions.js';
import { recordQuarantine } from '../../src/projections/quarantine.js';
import { resetProjection } from '../../src/projections/rebuild.js';
import { SourceRegistryLog } from '../../src/sources/stored-events/source-registry-log.js';
import { casualtiesBody, incidentBody } from '../incidents/incident-commands.suite.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

describe('TALLY_CHECKPOINT_EVENTS', () => {
  let db: TestDatabase;
  let t: TestApp;

  beforeAll(async () => {
    db = await createTestDatabase();
    t = await startTestApp(db.url, undefined, { TALLY_CHECKPOINT_EVENTS: '2' });
  });
  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  it('makes the app keep tally checkpoints behind the incidents projection, and tallies as of a cut after one are the current ones', async () => {
    const editor = t.bearer('reporter');
    const analyst = t.bearer('analyst');
    const { incidentId } = (await t.http.post('/incidents').set('Authorization', editor).send(incidentBody()).expect(201)).body;
    let position = '';
    for (const count of [3, 5, 8]) {
      position = (await t.http.post(`/incidents/${incidentId}/casualties`).set('Authorization', editor).send(casualtiesBody({ count, basis: 'cumulative' })).expect(201)).body.position;
    }
    const current = await t.http.get(`/tallies?groupBy=COUNTRY&consistentWith=${position}`).set('Authorization', analyst).expect(200);
    // The builder looks every few seconds, once the projection keeps up.
    const checkpoints = async () => ((await t.app.get(DataSource).query('SELECT count(*)::int AS checkpoints FROM tally_checkpoints')) as { checkpoints: number }[])[0].checkpoints;
    while ((await checkpoints()) === 0) await setTimeout(500);
    const asOf = await t.http.get(`/tallies?groupBy=COUNTRY&asOf=${position}`).set('Authorization', analyst).expect(200);
    expect(asOf.body).toEqual(current.body);
  });

  it('makes them past an incident’s merge, the survivor counting the merged incident’s records', async () => {
    const editor = t.bearer('reporter');
    const analyst = t.bearer('analyst');
    const report = async (id: string, name: string) =>
      (await t.http.post(`/incidents/${id}/casualties`).set('Authorization', editor).send(casualtiesBody({ count: 2, source: { name, kind: 'media' } })).expect(201)).body.position as string;
    const [merged, survivor] = await Promise.all([0, 1].map(async () => (await t.http.post('/incidents').set('Authorization', editor).send(incidentBody()).expect(201)).body.incidentId as string));
    await report(merged, 'El Siglo de Torreón');
    await report(survivor, 'Reuters');
    const { position: mergedAt } = (await t.http.post(`/incidents/${merged}/merge`).set('Authorization', editor).send({ into: survivor }).expect(201)).body;
    const last = await report(survivor, 'Milenio');
    await t.app.get(ProjectionPositions).waitFor(INCIDENTS_PROJECTION, BigInt(last), 30_000);

    expect(await makeDueCheckpoints(t.app.get(DataSource), t.app.get(SourceRegistryLog), 1)).toBeGreaterThan(0);
    const [{ latest }] = (await t.app.get(DataSource).query('SELECT max(position) AS latest FROM tally_checkpoints')) as { latest: string }[];
    expect(BigInt(latest)).toBeGreaterThan(BigInt(mergedAt));
    // As of the merge, before the survivor's last report: from the versions (the survivor folded with what was merged into it) as from the fold of the events.
    const { incidents: known, actors } = await t.app.get(AsOfTallyService).known({ asOf: mergedAt });
    const groupable = known.map((incident) => ({ ...incident, ...incident.fields.location, ...filterableOf(incident) }));
    for (const groupBy of [['ADMIN1', 'PARTY'], ['COUNTRY']] satisfies GroupBy[][]) {
      expect(await t.app.get(TemporalTallies).withoutCheckpoints(BigInt(mergedAt), {}, {}, groupBy)).toEqual(groupTallies(groupable, groupBy, actors));
    }
    // At the last checkpoint, tallies as of it (from it: no incident is held back yet) are the current ones, which count the survivor with what was merged into it.
    for (const groupBy of ['COUNTRY', 'ADMIN1,PARTY']) {
      const current = await t.http.get(`/tallies?groupBy=${groupBy}&consistentWith=${last}`).set('Authorization', analyst).expect(200);
      const asOf = await t.http.get(`/tallies?groupBy=${groupBy}&asOf=${latest}`).set('Authorization', analyst).expect(200);
      expect(asOf.body).toEqual(current.body);
    }
  });

  it('makes again those made before an incident was quarantined, without it', async () => {
    const dataSource = t.app.get(DataSource);
    const editor = t.bearer('reporter');
    const { incidentId } = (await t.http.post('/incidents').set('Authorization', editor).send(incidentBody()).expect(201)).body;
    const { position } = (await t.http.post(`/incidents/${incidentId}/casualties`).set('Authorization', editor).send(casualtiesBody({ count: 4 })).expect(201)).body;
    await t.app.get(ProjectionPositions).waitFor(INCIDENTS_PROJECTION, BigInt(position), 30_000);
    await makeDueCheckpoints(dataSource, t.app.get(SourceRegistryLog), 1);
    const before = (await dataSource.query('SELECT position, quarantine FROM tally_checkpoints ORDER BY position')) as { position: string; quarantine: string }[];

    await recordQuarantine(dataSource.manager, {
      projection: INCIDENTS_PROJECTION,
      stream: incidentStream(incidentId),
      position: BigInt(position),
      eventId: randomUUID(),
      eventType: 'CasualtiesReported',
      error: 'held back by the test',
      firstFailedAt: new Date(),
      attempts: 1,
    });
    await makeDueCheckpoints(dataSource, t.app.get(SourceRegistryLog), 1);
    const after = (await dataSource.query('SELECT position, quarantine FROM tally_checkpoints ORDER BY position')) as { position: string; quarantine: string }[];
    expect(new Set(after.map(({ quarantine }) => quarantine))).toEqual(new Set([expect.not.stringMatching(before[0].quarantine)]));
    // The last checkpoint counts every incident that existed then but the quarantined one.
    const latest = after.at(-1)!.position;
    const [{ counted }] = (await dataSource.query('SELECT sum(incidents)::int AS counted FROM tally_checkpoint_incidents WHERE position = $1 AND grain = 7 AND party IS NULL', [latest])) as { counted: number }[];
    const [{ incidents }] = (await dataSource.query(
      'SELECT count(*)::int AS incidents FROM temporal_incidents WHERE valid_from <= $1 AND valid_to > $1 AND merged_into IS NULL AND incident_id <> $2',
      [latest, incidentId],
    )) as { incidents: number }[];
    expect(counted).toBe(incidents);
  });

  it('makes them again after a rebuild', async () => {
    const dataSource = t.app.get(DataSource);
    const made = async () => (await dataSource.query('SELECT position FROM tally_checkpoints ORDER BY position')) as { position: string }[];
    while ((await made()).length === 0) await setTimeout(500);
    await resetProjection(dataSource, t.app.get(IncidentsProjection));
    expect(await made()).toEqual([]);
    while ((await made()).length === 0) await setTimeout(500);
  });
});
