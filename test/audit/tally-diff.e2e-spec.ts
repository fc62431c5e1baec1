import { randomUUID } from 'node:crypto';
import { incidentStream } from '../../src/event-store/stream-names.js';
import { schemaVersionOf } from '../../src/incidents/stored-events/incident-events.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/** Issue 17's diffs through HTTP: what changed between two cuts, the records behind it and who recorded them. */
describe('tally diffs over REST and GraphQL', () => {
  let db: TestDatabase;
  let t: TestApp;
  let reporter: string;
  let analyst: string;
  let incidentId: string;
  let opened: string;
  let reported: string;
  let corrected: string;
  let recordId: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    t = await startTestApp(db.url);
    [reporter, analyst] = [t.bearer('reporter'), t.bearer('analyst')];
    const open = await t.http.post('/incidents').set('Authorization', reporter).send({ title: 'Attack on Villa Unión', category: 'battle', occurredAt: '2019-11-30T12:00:00Z', location: { country: 'MX', admin1: 'Coahuila' } });
    ({ incidentId, position: opened } = open.body);
    const source = { name: 'Coahuila state government', kind: 'government' };
    const report = await t.http.post(`/incidents/${incidentId}/casualties`).set('Authorization', reporter).send({ occurredAt: '2019-11-30T13:00:00Z', source, party: 'police', outcome: 'killed', count: 4, basis: 'incremental' });
    ({ recordId, position: reported } = report.body);
    corrected = (await t.http.post(`/incidents/${incidentId}/records/${recordId}/correction`).set('Authorization', reporter).send({ count: 6, reason: 'revised' })).body.position;
  });
  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  it('GET /incidents/{id}/tally/diff: the changed party figure before and after, with the records and who recorded them', async () => {
    const response = await t.http.get(`/incidents/${incidentId}/tally/diff`).query({ from: opened, to: corrected }).set('Authorization', analyst).expect(200);
    expect(response.body).toMatchObject({ incidentId, from: opened, to: corrected, hostages: [], counts: [] });
    const [change] = response.body.casualties;
    expect(change).toMatchObject({ outcome: 'killed', party: 'police', before: null, after: { best: 6, low: 6, high: 6, sources: [{ name: 'Coahuila state government', figure: 6 }] }, recordCount: 2 });
    expect(change.records.map((r: { change: string; position: string; actor: string; source: string }) => [r.change, r.position, r.source, typeof r.actor])).toEqual([
      ['recorded', reported, 'Coahuila state government', 'string'],
      ['corrected', corrected, 'Coahuila state government', 'string'],
    ]);
  });

  it('GET /tallies/diff and GraphQL talliesDiff / Incident.tallyDiff answer alike', async () => {
    const rest = await t.http.get('/tallies/diff').query({ from: reported, to: corrected, groupBy: 'COUNTRY' }).set('Authorization', analyst).expect(200);
    expect(rest.body.groups).toMatchObject([{ key: { country: 'MX' }, incidentsBefore: 1, incidentsAfter: 1, casualties: [{ before: { best: 4 }, after: { best: 6 }, recordCount: 1 }] }]);
    // Every filter of GET /tallies, as GraphQL's talliesDiff takes them.
    const filtered = await t.http.get('/tallies/diff').query({ from: reported, to: corrected, groupBy: 'COUNTRY', category: 'battle', actorType: 'state_forces' }).set('Authorization', analyst).expect(200);
    expect(filtered.body.groups).toEqual([]);
    const byCategory = await t.http.get('/tallies/diff').query({ from: reported, to: corrected, groupBy: 'COUNTRY', category: 'battle' }).set('Authorization', analyst).expect(200);
    expect(byCategory.body).toEqual(rest.body);
    const query = `query($id: ID!, $from: String!, $to: String!) {
      incident(id: $id) { tallyDiff(from: $from, to: $to) { casualties { party after { best } records { change } } } }
      talliesDiff(from: $from, to: $to, groupBy: [COUNTRY]) { groups { key { country } casualties { before { best } after { best } } } } }`;
    const graphql = await t.http.post('/graphql').set('Authorization', analyst).send({ query, variables: { id: incidentId, from: reported, to: corrected } }).expect(200);
    expect(graphql.body.errors).toBeUndefined();
    expect(graphql.body.data).toEqual({
      incident: { tallyDiff: { casualties: [{ party: 'POLICE', after: { best: 6 }, records: [{ change: 'corrected' }] }] } },
      talliesDiff: { groups: [{ key: { country: 'MX' }, casualties: [{ before: { best: 4 }, after: { best: 6 } }] }] },
    });
  });

  it('the largest position a client may give is a cut after every event on every as-of path, REST and GraphQL', async () => {
    const last = '9223372036854775807';
    const now = (await t.http.get(`/incidents/${incidentId}/tally`).query({ consistentWith: corrected }).set('Authorization', analyst).expect(200)).body;
    expect((await t.http.get(`/incidents/${incidentId}/tally`).query({ asOf: last }).set('Authorization', analyst).expect(200)).body).toEqual(now);
    const groups = (asOf: string) => t.http.get('/tallies').query({ asOf, groupBy: 'COUNTRY' }).set('Authorization', analyst).expect(200);
    expect((await groups(last)).body).toEqual((await groups(corrected)).body);
    const diff = await t.http.get(`/incidents/${incidentId}/tally/diff`).query({ from: reported, to: last }).set('Authorization', analyst).expect(200);
    expect(diff.body.casualties).toMatchObject([{ before: { best: 4 }, after: { best: 6 } }]);
    const query = `query($id: ID!, $last: String!) { incident(id: $id) { tally(asOf: $last) { killed { total { best } } } } }`;
    const graphql = await t.http.post('/graphql').set('Authorization', analyst).send({ query, variables: { id: incidentId, last } }).expect(200);
    expect(graphql.body).toEqual({ data: { incident: { tally: { killed: { total: { best: 6 } } } } } });
  });

  it('a missing or malformed cut is a 400 naming it; an incident unknown at both cuts is a 404', async () => {
    const missing = await t.http.get(`/incidents/${incidentId}/tally/diff`).query({ from: opened }).set('Authorization', analyst);
    expect(missing.status).toBe(400);
    expect(JSON.stringify(missing.body)).toContain('to');
    const malformed = await t.http.get('/tallies/diff').query({ from: 'yesterday', to: corrected }).set('Authorization', analyst);
    expect(malformed.status).toBe(400);
    expect(JSON.stringify(malformed.body)).toContain('from');
    await t.http.get('/incidents/00000000-0000-4000-8000-000000000000/tally/diff').query({ from: opened, to: corrected }).set('Authorization', analyst).expect(404);
  });

  it('a merge between the cuts lists the live records it brought (also those merged into the merged incident before), with the merge\'s time and who merged', async () => {
    const post = async (path: string, body: object) => (await t.http.post(path).set('Authorization', reporter).send(body).expect(201)).body;
    const inSonora = { category: 'battle', occurredAt: '2019-11-30T12:00:00Z', location: { country: 'MX', admin1: 'Sonora' } };
    const report = (id: string, count: number) =>
      post(`/incidents/${id}/casualties`, { occurredAt: '2019-11-30T13:00:00Z', source: { name: 'Sonora press', kind: 'media' }, party: 'police', outcome: 'killed', count, basis: 'incremental' });
    const [merged, before] = [(await post('/incidents', { ...inSonora, title: 'Ambush near Bavispe' })).incidentId, (await post('/incidents', { ...inSonora, title: 'Ambush near Bavispe (2)' })).incidentId];
    const kept = await report(merged, 3);
    const retracted = await report(merged, 5);
    await post(`/incidents/${merged}/records/${retracted.recordId}/retraction`, { reason: 'double count' });
    const earlier = await report(before, 2);
    const from = (await post(`/incidents/${before}/merge`, { into: merged })).position;
    // Recorded between the cuts, before the merge: listed as recorded, and again as the merge brought it.
    const late = await report(merged, 1);
    const merge = await t.http.post(`/incidents/${merged}/merge`).set('Authorization', t.bearer('reporter', 'merging-editor')).send({ into: incidentId }).expect(201);
    const to = merge.body.position;
    const by = { change: 'merged', position: to, actor: 'merging-editor', mergedInto: incidentId, mergedFrom: merged, source: 'Sonora press' };
    const records = [
      { recordId: late.recordId, incidentId: merged, change: 'recorded', position: late.position, count: 1, mergedInto: null },
      { recordId: kept.recordId, incidentId: merged, count: 3, ...by },
      { recordId: earlier.recordId, incidentId: before, count: 2, ...by },
      { recordId: late.recordId, incidentId: merged, count: 1, ...by },
    ];
    const diff = await t.http.get(`/incidents/${incidentId}/tally/diff`).query({ from, to }).set('Authorization', analyst).expect(200);
    expect(diff.body.casualties).toMatchObject([{ outcome: 'killed', party: 'police', recordCount: 4, records }]);
    expect(diff.body.casualties[0].records.map((record: { recordedAt: string }) => typeof record.recordedAt)).toEqual(['string', 'string', 'string', 'string']);
    const groups = await t.http.get('/tallies/diff').query({ from, to, groupBy: 'ADMIN1' }).set('Authorization', analyst).expect(200);
    expect(groups.body.groups).toMatchObject([
      { key: { admin1: 'Coahuila' }, incidentsBefore: 1, incidentsAfter: 1, casualties: [{ recordCount: 4, records }] },
      { key: { admin1: 'Sonora' }, incidentsBefore: 1, incidentsAfter: 0, casualties: [{ recordCount: 4, records }] },
    ]);
    // The merged incident's own diff keeps its own records (its tally is its own), not the merge's.
    const own = await t.http.get(`/incidents/${merged}/tally/diff`).query({ from, to }).set('Authorization', analyst).expect(200);
    expect(own.body.casualties).toMatchObject([{ recordCount: 1, records: [records[0]] }]);
    const query = `query($id: ID!, $from: String!, $to: String!) { incident(id: $id) { tallyDiff(from: $from, to: $to) { casualties { records { change mergedInto mergedFrom } } } } }`;
    const graphql = await t.http.post('/graphql').set('Authorization', analyst).send({ query, variables: { id: incidentId, from, to } }).expect(200);
    expect(graphql.body.data.incident.tallyDiff.casualties[0].records).toEqual(records.map(({ change, mergedInto }) => ({ change, mergedInto, mergedFrom: mergedInto && merged })));
    // A store imported before import refused it can hold an event of the merged incident after its merge: the merge is found by its position all the same.
    const note = { incidentId: merged, recordId: randomUUID(), occurredAt: '2019-11-30T14:00:00Z', datePrecision: 'exact', source: { name: 'Sonora press', kind: 'media' }, text: 'after the merge' };
    await t.store.appendToStream(incidentStream(merged), [{ id: randomUUID(), type: 'TimelineNoteAdded', data: note, metadata: { schemaVersion: schemaVersionOf('TimelineNoteAdded') } }]);
    expect((await t.http.get(`/incidents/${incidentId}/tally/diff`).query({ from, to }).set('Authorization', analyst).expect(200)).body).toEqual(diff.body);
    expect((await t.http.get('/tallies/diff').query({ from, to, groupBy: 'ADMIN1' }).set('Authorization', analyst).expect(200)).body).toEqual(groups.body);
  });

  it('across incidents, the seizures an incident took into another group list the record change that moved it; a new incident\'s, its seizure records alone', async () => {
    const post = async (path: string, body: object) => (await t.http.post(path).set('Authorization', reporter).send(body).expect(201)).body;
    const inAntioquia = { category: 'battle', occurredAt: '2019-11-30T12:00:00Z', location: { country: 'CO', admin1: 'Antioquia' } };
    const record = { occurredAt: '2019-11-30T13:00:00Z', source: { name: 'Antioquia press', kind: 'media' } };
    const moving = (await post('/incidents', { ...inAntioquia, title: 'Clash near Ituango' })).incidentId;
    const killed = await post(`/incidents/${moving}/casualties`, { ...record, party: 'military', outcome: 'killed', count: 2, basis: 'incremental' });
    const from = (await post(`/incidents/${moving}/seizures/weapons`, { ...record, count: 4, weaponKind: 'rifle' })).position;
    const retracted = await post(`/incidents/${moving}/records/${killed.recordId}/retraction`, { reason: 'not confirmed' });
    const fresh = (await post('/incidents', { ...inAntioquia, title: 'Raid near Yarumal' })).incidentId;
    await post(`/incidents/${fresh}/casualties`, { ...record, party: 'civilian', outcome: 'injured', count: 1, basis: 'incremental' });
    const seized = await post(`/incidents/${fresh}/seizures/weapons`, { ...record, count: 1, weaponKind: 'pistol' });
    const diff = await t.http.get('/tallies/diff').query({ from, to: seized.position, groupBy: 'PARTY', country: 'CO' }).set('Authorization', analyst).expect(200);
    const counts = (before: number, after: number, recordId: string, position: string, change: string) => [{ figure: 'weaponsSeized', before, after, recordCount: 1, records: [{ recordId, position, change }] }];
    expect(diff.body.groups).toMatchObject([
      { key: { party: 'civilian' }, incidentsBefore: 0, incidentsAfter: 1, counts: counts(0, 1, seized.recordId, seized.position, 'recorded') },
      { key: { party: 'military' }, incidentsBefore: 1, incidentsAfter: 0, counts: counts(4, 0, killed.recordId, retracted.position, 'retracted') },
      { key: { party: null }, incidentsBefore: 0, incidentsAfter: 1, counts: counts(0, 4, killed.recordId, retracted.position, 'retracted') },
    ]);
  });

  it('takes bestPolicy as tally and tallies do: its best figure at both cuts, on REST and GraphQL', async () => {
    const post = async (path: string, body: object) => (await t.http.post(path).set('Authorization', reporter).send(body).expect(201)).body;
    const { incidentId: id } = await post('/incidents', { title: 'Clash in Tierra Caliente', category: 'battle', occurredAt: '2019-11-30T12:00:00Z', location: { country: 'GT', admin1: 'Petén' } });
    const report = (name: string, count: number) =>
      post(`/incidents/${id}/casualties`, { occurredAt: '2019-11-30T13:00:00Z', source: { name, kind: 'media' }, party: 'police', outcome: 'killed', count, basis: 'incremental' });
    const from = (await report('Prensa Libre', 3)).position;
    const to = (await report('Reuters', 9)).position;
    const bestAt = async (asOf: string, bestPolicy?: string) =>
      (await t.http.get(`/incidents/${id}/tally`).query({ asOf, ...(bestPolicy && { bestPolicy }) }).set('Authorization', analyst).expect(200)).body.killed.total.best;
    // The latest report raises the best figure; the lowest (CONSERVATIVE) stays at the first source's.
    expect([await bestAt(to), await bestAt(to, 'CONSERVATIVE')]).toEqual([9, 3]);
    const diff = (bestPolicy?: string) => t.http.get(`/incidents/${id}/tally/diff`).query({ from, to, ...(bestPolicy && { bestPolicy }) }).set('Authorization', analyst).expect(200);
    expect((await diff()).body.casualties).toMatchObject([{ before: { best: 3, high: 3 }, after: { best: 9, high: 9 } }]);
    expect((await diff('CONSERVATIVE')).body.casualties).toMatchObject([{ before: { best: 3, high: 3 }, after: { best: 3, high: 9 } }]);
    const groups = await t.http.get('/tallies/diff').query({ from, to, groupBy: 'COUNTRY', country: 'GT', bestPolicy: 'CONSERVATIVE' }).set('Authorization', analyst).expect(200);
    expect(groups.body.groups).toMatchObject([{ key: { country: 'GT' }, casualties: [{ before: { best: 3 }, after: { best: 3, high: 9 } }] }]);
    const query = `query($id: ID!, $from: String!, $to: String!) {
      incident(id: $id) { latest: tallyDiff(from: $from, to: $to) { casualties { after { best } } } lowest: tallyDiff(from: $from, to: $to, bestPolicy: CONSERVATIVE) { casualties { after { best } } } }
      talliesDiff(from: $from, to: $to, groupBy: [COUNTRY], filter: { country: "GT" }, bestPolicy: CONSERVATIVE) { groups { casualties { after { best high } } } } }`;
    const graphql = await t.http.post('/graphql').set('Authorization', analyst).send({ query, variables: { id, from, to } }).expect(200);
    expect(graphql.body).toEqual({
      data: {
        incident: { latest: { casualties: [{ after: { best: 9 } }] }, lowest: { casualties: [{ after: { best: 3 } }] } },
        talliesDiff: { groups: [{ casualties: [{ after: { best: 3, high: 9 } }] }] },
      },
    });
  });
});
