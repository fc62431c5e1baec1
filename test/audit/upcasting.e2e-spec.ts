import { createReadStream } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { NdjsonImportService } from '../../src/incidents/audit/ndjson-import.service.js';
import { inputFault } from '../../src/incidents/api/inputs/event-inputs.js';
import { VerifyService } from '../../src/incidents/audit/verify.service.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const FIXTURE = fileURLToPath(new URL('../fixtures/casualties-v1.ndjson', import.meta.url));
const INCIDENT = '7d2c0f3e-4b1a-4c9e-8f60-2a1b3c4d5e6f';
const RECORD_C = '00000000-0000-4000-8000-000000000003';
const V2_SOURCE = { name: 'Coahuila state government', kind: 'other' };

/**
 * Event versioning with one real shape change: `CasualtiesReported` v1 named its source as a plain
 * string; v2 (current) carries `{ name, kind, … }`. A v1-era history (the fixture, hashes over the
 * v1 data) replays through the command handler, the projection, history and as-of alike.
 */
describe('schema versions: v1 CasualtiesReported in a v2 world', () => {
  let database: TestDatabase;
  let t: TestApp;
  let analyst: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    t = await startTestApp(database.url);
    analyst = t.bearer('analyst');
    await t.app.get(NdjsonImportService).import(() => createReadStream(FIXTURE), { inputRules: inputFault });
  });
  afterAll(async () => {
    await t?.close();
    await database?.drop();
  });

  const tally = async (query = '') => {
    const head = (await t.store.headPosition()).toString();
    return (await t.http.get(`/incidents/${INCIDENT}/tally?consistentWith=${head}${query}`).set('Authorization', analyst).expect(200)).body;
  };

  it('keeps the stored v1 data (hashes verify) and shows it upcast in the history', async () => {
    expect((await t.app.get(VerifyService).verify()).chainBreaks).toEqual([]);
    const stored = await t.store.readStream(`incident-${INCIDENT}`);
    expect(stored[1].data.source).toBe('Coahuila state government');
    const history = (await t.http.get(`/incidents/${INCIDENT}/events`).set('Authorization', t.bearer('auditor')).expect(200)).body;
    expect(history.items[1]).toMatchObject({ type: 'CasualtiesReported', data: { source: V2_SOURCE }, metadata: { schemaVersion: 1 } });
  });

  it('folds v1 events into the read model and as-of tallies alike', async () => {
    const current = await tally();
    expect(current.killed.byParty).toEqual([{ party: 'armed_group', best: 12, low: 12, high: 12, bestSource: 'Coahuila state government', numberOfSources: 1, sources: [{ name: 'Coahuila state government', figure: 12 }] }]);
    expect((await tally('&asOf=2019-12-01T12:00:00Z')).killed.total.best).toBe(14);
    const timeline = (await t.http.get(`/incidents/${INCIDENT}/timeline`).set('Authorization', analyst).expect(200)).body;
    expect(timeline.items[0].source).toMatchObject(V2_SOURCE);
  });

  it('decides new commands over v1 history, writing v2 events', async () => {
    const reporter = t.bearer('reporter');
    await t.http.post(`/incidents/${INCIDENT}/records/${RECORD_C}/correction`).set('Authorization', reporter).send({ count: 13, reason: 'one more body' }).expect(201);
    const added = await t.http
      .post(`/incidents/${INCIDENT}/casualties`)
      .set('Authorization', reporter)
      .send({ occurredAt: '2019-12-01', source: { name: 'El Siglo', kind: 'media' }, party: 'police', outcome: 'killed', count: 4, basis: 'cumulative' })
      .expect(201);
    const [written] = await t.store.readStream(`incident-${INCIDENT}`, { fromRevision: BigInt(added.body.revision) });
    expect(written.metadata.schemaVersion).toBe(2);
    expect(written.data.source).toEqual({ name: 'El Siglo', kind: 'media' });
    expect((await tally()).killed.total.best).toBe(17);
    expect((await t.app.get(VerifyService).verify()).chainBreaks).toEqual([]);
  });
});
