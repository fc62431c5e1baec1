import { startTestApp, type TestApp } from '../support/test-app.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/** docs/api.md: store unavailable → 503, on reads as on writes (issue 11 item 5). */
describe('with PostgreSQL stopped', () => {
  let db: TestDatabase;
  let t: TestApp;
  let incidentId: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    t = await startTestApp(db.url);
    const opened = await t.http
      .post('/incidents')
      .set('Authorization', t.bearer('reporter'))
      .send({ title: 'Attack', category: 'battle', occurredAt: '2019-11-30', location: { country: 'MX', admin1: 'Coahuila' } });
    expect(opened.status).toBe(201);
    incidentId = opened.body.incidentId;
    await db.drop();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers reads and writes with 503 STORE.UNAVAILABLE problem+json and Retry-After', async () => {
    const admin = t.bearer('admin');
    const requests = [
      t.http.get('/incidents'),
      t.http.get(`/incidents/${incidentId}`),
      t.http.get(`/incidents/${incidentId}/tally`),
      t.http.get(`/incidents/${incidentId}/tally?asOf=2019-12-01`),
      t.http.get(`/incidents/${incidentId}/timeline`),
      t.http.get(`/incidents/${incidentId}/events`),
      t.http.get('/audit/verify'),
      t.http.post(`/incidents/${incidentId}/close`).send({}),
    ];
    for (const request of requests) {
      const response = await request.set('Authorization', admin);
      expect({ url: response.request.url, status: response.status, code: response.body.code }).toEqual({ url: response.request.url, status: 503, code: 'STORE.UNAVAILABLE' });
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
    }
  });

  it('answers GraphQL reads with STORE.UNAVAILABLE (status 503)', async () => {
    const response = await t.http
      .post('/graphql')
      .set('Authorization', t.bearer('admin'))
      .send({ query: `{ incident(id: "${incidentId}") { id } }` });
    expect(response.body.errors[0].extensions).toMatchObject({ code: 'STORE.UNAVAILABLE', status: 503 });
  });
});
