import type { Test } from 'supertest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/** A write whose body is not JSON is refused with 415 problem+json and appends nothing; a body-less write needs no Content-Type. */
describe('media types of write bodies', () => {
  let db: TestDatabase;
  let t: TestApp;
  let reporter: string;
  let incidentId: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    t = await startTestApp(db.url);
    reporter = t.bearer('reporter');
    const opened = await t.http
      .post('/incidents')
      .set('Authorization', reporter)
      .send({ title: 'Attack on Villa Unión', category: 'battle', occurredAt: '2019-11-30', location: { country: 'MX', admin1: 'Coahuila' } })
      .expect(201);
    incidentId = opened.body.incidentId;
  });
  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  const writes: [string, (type: string, body: string | Buffer) => Test][] = [
    ['PATCH /incidents/{id}', (type, body) => t.http.patch(`/incidents/${incidentId}`).set('Content-Type', type).send(body)],
    ['POST /incidents', (type, body) => t.http.post('/incidents').set('Content-Type', type).send(body)],
    ['POST /incidents/{id}/close', (type, body) => t.http.post(`/incidents/${incidentId}/close`).set('Content-Type', type).send(body)],
    ['POST /sources', (type, body) => t.http.post('/sources').set('Content-Type', type).send(body)],
    ['DELETE /incidents/{id}/actors/{actorId}', (type, body) => t.http.delete(`/incidents/${incidentId}/actors/${incidentId}`).set('Content-Type', type).send(body)],
    ['POST /graphql', (type, body) => t.http.post('/graphql').set('Content-Type', type).send(body)],
  ];
  // JSON in another charset than UTF-8 (RFC 8259 section 8.1), which body-parser would decode.
  const utf16 = Buffer.from('{"title":"Renamed"}', 'utf16le');
  const bodies: [string, string | Buffer][] = [
    ['application/json; charset=utf-16le', utf16],
    ['application/json; charset=utf-16be', Buffer.from(utf16).swap16()],
    ['application/json; charset=UTF-32', Buffer.from('{"title":"Renamed"}')],
    ['text/plain', '{"title":"Renamed"}'],
    ['application/x-www-form-urlencoded', 'title=Renamed'],
    ['multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="title"\r\n\r\nRenamed\r\n--x--'],
  ];

  it.each(writes.flatMap(([route, send]) => bodies.map(([type, body]) => [route, type, send, body] as const)))('%s with a %s body answers 415, appending nothing', async (_route, type, send, body) => {
    const before = await t.store.headPosition();
    const response = await send(type, body!).set('Authorization', reporter);
    expect(response.status).toBe(415);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', type: 'urn:incident-ledger:problem:unsupported_media_type' });
    expect(await t.store.headPosition()).toBe(before);
    expect(response.body.detail).not.toMatch(/^Internal/);
  });

  it('accepts a body-less write without a Content-Type', async () => {
    await t.http.post(`/incidents/${incidentId}/close`).set('Authorization', reporter).expect(201);
    await t.http.post(`/incidents/${incidentId}/reopen`).set('Authorization', reporter).set('Content-Type', 'text/plain').expect(201);
  });

  it('documents 415 on every route that takes a body', async () => {
    const { paths } = (await t.http.get('/docs-json').expect(200)).body as { paths: Record<string, Record<string, { requestBody?: unknown; responses: Record<string, unknown> }>> };
    const operations = Object.entries(paths).flatMap(([path, item]) => Object.entries(item).map(([method, operation]) => ({ route: `${method} ${path}`, operation })));
    const withBody = operations.filter(({ operation }) => operation.requestBody);
    expect(withBody.map(({ route }) => route)).toEqual(expect.arrayContaining(['patch /incidents/{id}', 'post /sources']));
    expect(withBody.filter(({ operation }) => !operation.responses['415']).map(({ route }) => route)).toEqual([]);
  });
});
