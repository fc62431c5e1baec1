import type { AddressInfo, Socket } from 'node:net';
import type { Test } from 'supertest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { rawExchange } from '../support/raw-http.js';

/**
 * A write whose body is not JSON is refused with 415 problem+json and appends nothing; a body-less write needs
 * no Content-Type. A request Node's HTTP server cannot take at all gets problem+json too.
 */
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

  it('answers a method a routed path does not take with 405 problem+json listing the ones it takes in Allow, and a path no route has with 404', async () => {
    for (const [method, path, allow] of [
      ['put', `/incidents/${incidentId}`, 'GET, HEAD, PATCH'],
      ['delete', `/incidents/${incidentId}`, 'GET, HEAD, PATCH'],
      ['options', '/incidents', 'GET, HEAD, POST'],
      ['post', '/health', 'GET, HEAD'],
    ] as const) {
      const response = await t.http[method](path).set('Authorization', reporter).expect(405);
      expect(response.headers.allow).toBe(allow);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body).toMatchObject({ status: 405, code: 'METHOD_NOT_ALLOWED', instance: path });
    }
    expect((await t.http.put('/no-such-path').set('Authorization', reporter).expect(404)).headers.allow).toBeUndefined();
  });

  it('accepts a body-less write without a Content-Type', async () => {
    await t.http.post(`/incidents/${incidentId}/close`).set('Authorization', reporter).expect(201);
    await t.http.post(`/incidents/${incidentId}/reopen`).set('Authorization', reporter).set('Content-Type', 'text/plain').expect(201);
  });

  it('answers requests Node refuses before routing as problem+json and closes them: malformed 400, oversized headers 431, not sent in time 408, Host missing, given twice or naming no host 400; after the whole answer to a request pipelined before them', async () => {
    const server = t.app.getHttpServer();
    if (!server.listening) await t.app.listen(0, '127.0.0.1');
    const { port } = server.address() as AddressInfo;
    const answer = async (request: string) => {
      const [head, body] = (await rawExchange(port, request)).split('\r\n\r\n');
      return { head, body: JSON.parse(body) as { status: number } };
    };
    // Node's own clock for headersTimeout is checked every 30 s: the timeout is its clientError, raised on the server's side of a real connection.
    const timeOut = (own: Socket) => setImmediate(() => server.emit('clientError', Object.assign(new Error('Request timeout'), { code: 'ERR_HTTP_REQUEST_TIMEOUT' }), own));
    const cases: [string, number, ((own: Socket) => void)?][] = [
      ['GET /incidents HTTP/1.1\r\nHost: localhost\r\nBad Header\r\n\r\n', 400],
      [`GET /incidents HTTP/1.1\r\nHost: localhost\r\nX-Long: ${'a'.repeat(20_000)}\r\n\r\n`, 431],
      ['GET /incidents HTTP/1.1\r\nHost: localhost\r\n', 408, timeOut],
    ];
    for (const [request, status, onConnection] of cases) {
      if (onConnection) server.once('connection', onConnection);
      const { head, body } = await answer(request);
      expect(head).toMatch(new RegExp(`^HTTP/1\\.1 ${status} `));
      expect(head).toContain('Content-Type: application/problem+json');
      expect(body).toMatchObject({ status, code: { 400: 'BAD_REQUEST', 431: 'REQUEST_HEADER_FIELDS_TOO_LARGE', 408: 'REQUEST_TIMEOUT' }[status] });
    }
    // RFC 9112 section 3.2: an HTTP/1.1 request without Host (Node's own 400 has no body), any with two Host lines or one naming no host.
    for (const request of ['GET /health HTTP/1.1\r\n\r\n', 'GET /health HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n', 'GET /health HTTP/1.0\r\nHost: a\r\nhost: a\r\n\r\n', 'GET /health HTTP/1.1\r\nHost: a b\r\n\r\n', 'GET /health HTTP/1.1\r\nHost: localhost:x\r\n\r\n']) {
      const refused = await answer(request);
      expect(refused.head).toMatch(/^HTTP\/1\.1 400 .*\r\n[\s\S]*Content-Type: application\/problem\+json/);
      expect(refused.head).toContain('Connection: close');
      expect(refused.body).toMatchObject({ status: 400, code: 'INPUT.INVALID', errors: [{ field: 'Host' }] });
    }
    // An HTTP/1.0 request needs none; an empty Host, an IP literal and a port are hosts.
    for (const request of ['GET /health HTTP/1.0\r\n\r\n', 'GET /health HTTP/1.1\r\nHost:\r\nConnection: close\r\n\r\n', 'GET /health HTTP/1.1\r\nHost: [::1]:3000\r\nConnection: close\r\n\r\n']) {
      expect(await rawExchange(port, request)).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    }
    // Pipelined behind a request still being answered: that answer whole first, then the refusal.
    const pipelined = await rawExchange(port, 'GET /health HTTP/1.1\r\nHost: localhost\r\n\r\nGET /health HTTP/1.1\r\nBad Header\r\n\r\n');
    expect(pipelined).toMatch(/^HTTP\/1\.1 200 OK\r\n[\s\S]*"status":"ok"[\s\S]*HTTP\/1\.1 400 Bad Request\r\n[\s\S]*application\/problem\+json/);
  });

  it('documents 415 on every route that takes a body', async () => {
    const { paths } = (await t.http.get('/docs-json').expect(200)).body as { paths: Record<string, Record<string, { requestBody?: unknown; responses: Record<string, unknown> }>> };
    const operations = Object.entries(paths).flatMap(([path, item]) => Object.entries(item).map(([method, operation]) => ({ route: `${method} ${path}`, operation })));
    const withBody = operations.filter(({ operation }) => operation.requestBody);
    expect(withBody.map(({ route }) => route)).toEqual(expect.arrayContaining(['patch /incidents/{id}', 'post /sources']));
    expect(withBody.filter(({ operation }) => !operation.responses['415']).map(({ route }) => route)).toEqual([]);
  });
});
