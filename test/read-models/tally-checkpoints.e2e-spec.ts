import { setTimeout } from 'node:timers/promises';
import { DataSource } from 'typeorm';
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
});
