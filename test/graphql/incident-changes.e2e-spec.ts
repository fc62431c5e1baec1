import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { createClient, type Client } from 'graphql-ws';
import type { IncomingMessage } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import WebSocket from 'ws';
import { MAX_CONNECTIONS_PER_CLIENT } from '../../src/common/client-budget.js';
import { activeSubscriptions } from '../../src/incidents/api/graphql/tally-updated.resolver.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { rawExchange } from '../support/raw-http.js';
import { graphql } from './graphql-client.js';
import { COAHUILA, OPEN_INCIDENT, REPORT_CASUALTIES, villaUnionIncident } from './villa-union.js';

const INCIDENT_CHANGES = `subscription($after: String) { incidentChanges(after: $after) { incidentId position change } }`;

interface Change {
  incidentId: string;
  position: string;
  change: string;
}

/** Waits for the server's subscription count, which the test cannot be notified of, checking every 5 ms. */
async function subscriptionsOpen(count: number): Promise<void> {
  for (const deadline = Date.now() + 5_000; (await activeSubscriptions.get()).values[0]?.value !== count; await delay(5)) {
    if (Date.now() > deadline) throw new Error(`${count} subscriptions not open in time`);
  }
}

/** docs/exports.md's change feed pushed over graphql-ws (`incidentChanges`), as the dashboard's live list uses it. */
describe('subscription incidentChanges over graphql-ws', () => {
  let database: TestDatabase;
  let writer: TestApp;
  let reader: TestApp;
  let client: Client;
  let url: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    // The subscriber's instance is not the one taking the commands.
    writer = await startTestApp(database.url);
    reader = await startTestApp(database.url);
    await reader.app.listen(0, '127.0.0.1');
    url = `ws://127.0.0.1:${(reader.app.getHttpServer().address() as AddressInfo).port}/graphql`;
    client = createClient({ url, webSocketImpl: WebSocket, connectionParams: { authorization: reader.bearer('analyst') }, retryAttempts: 0 });
  });
  afterAll(async () => {
    await client?.dispose();
    await writer?.close();
    await reader?.close();
    await database?.drop();
  });

  const open = async (title: string) => {
    const opened = await graphql(writer, writer.bearer('reporter'), OPEN_INCIDENT, { input: villaUnionIncident({ title }) });
    return opened.data!.openIncident as { incidentId: string; position: string };
  };
  const report = async (incidentId: string) => {
    const input = { occurredAt: '2019-11-30', source: COAHUILA, party: 'ARMED_GROUP', outcome: 'KILLED', count: 7, basis: 'INCREMENTAL' };
    return (await graphql(writer, writer.bearer('reporter'), REPORT_CASUALTIES, { incidentId, input })).data!.reportCasualties as { position: string };
  };
  const take = async (changes: AsyncIterator<{ data?: { incidentChanges: Change } | null }>, count: number) => {
    const taken: Change[] = [];
    while (taken.length < count) taken.push((await changes.next()).value.data.incidentChanges);
    return taken;
  };

  it('pushes every incident changed after `after` once, in position order, then each later change as it commits', async () => {
    const a = await open('A');
    const aReported = await report(a.incidentId);
    const b = await open('B');
    const changes = client.iterate<{ incidentChanges: Change }>({ query: INCIDENT_CHANGES, variables: { after: a.position } });
    await expect(take(changes, 2)).resolves.toEqual([
      { incidentId: a.incidentId, position: aReported.position, change: 'CHANGED' },
      { incidentId: b.incidentId, position: b.position, change: 'CHANGED' },
    ]);
    const closed = await writer.http.post(`/incidents/${a.incidentId}/close`).set('Authorization', writer.bearer('reporter')).send({ reason: 'done' }).expect(201);
    await expect(take(changes, 1)).resolves.toEqual([{ incidentId: a.incidentId, position: closed.body.position, change: 'CLOSED' }]);
    await changes.return!();
    await subscriptionsOpen(0);
  });

  it('without `after`, pushes only what the read models commit after subscribing', async () => {
    const before = await open('before subscribing');
    await reader.http.get(`/incidents?consistentWith=${before.position}`).set('Authorization', reader.bearer('analyst')).expect(200);
    const changes = client.iterate<{ incidentChanges: Change }>({ query: INCIDENT_CHANGES });
    const first = take(changes, 1);
    await subscriptionsOpen(1);
    const c = await open('after subscribing');
    await expect(first).resolves.toEqual([{ incidentId: c.incidentId, position: c.position, change: 'CHANGED' }]);
    await changes.return!();
    await subscriptionsOpen(0);
  });

  /** A raw graphql-ws socket (to `at`, the reader's by default), the next message it receives, and its close code once closed; rejects if the upgrade is refused. */
  async function rawSocket(at = url) {
    const socket = new WebSocket(at, 'graphql-transport-ws');
    const next = () => new Promise<{ id?: string; type: string; payload?: unknown }>((resolve) => socket.once('message', (data) => resolve(JSON.parse(String(data)))));
    const closed = new Promise((resolve) => socket.once('close', resolve));
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    return { socket, next, closed };
  }

  /** A raw socket past its handshake. */
  async function socketOf(token: string, at = url) {
    const opened = await rawSocket(at);
    opened.socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: token } }));
    await expect(opened.next()).resolves.toMatchObject({ type: 'connection_ack' });
    return opened;
  }

  it('reads the handshake as every message: a name twice closes the socket (4400), whichever copy would authenticate', async () => {
    const { socket, closed } = await rawSocket();
    socket.send(`{"type":"connection_init","payload":{"x":1},"payload":{"authorization":"${reader.bearer('analyst')}"}}`);
    await expect(closed).resolves.toBe(4400);
  });

  it('closes a socket sent a message larger than a request body may be (1009), before its handshake too, logging no internal error', async () => {
    const printed = jest.spyOn(console, 'error');
    try {
      for (const opened of [await rawSocket(), await socketOf(reader.bearer('analyst'))]) {
        opened.socket.send(JSON.stringify({ type: 'ping', payload: { pad: 'a'.repeat(300 * 1024) } }));
        await expect(opened.closed).resolves.toBe(1009);
      }
      expect(printed.mock.calls.filter(([message]) => String(message).includes('Internal error'))).toEqual([]);
    } finally {
      printed.mockRestore();
    }
  });

  it('answers no subscribe sent before the handshake, faults or not: the socket is closed with 4401', async () => {
    const { socket, closed } = await rawSocket();
    socket.send('{"id":"1","type":"subscribe","payload":{"query":"{ __typename }","variables":{"a":1,"a":2}}}');
    await expect(closed).resolves.toBe(4401);
  });

  it('refuses a subscribe message holding an object wider than any input, and closes on a message of a type no client sends (4400)', async () => {
    const { socket, next, closed } = await socketOf(reader.bearer('analyst'));
    const wide = Object.fromEntries(Array.from({ length: 120 }, (_, i) => [`v${i}`, '0']));
    socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: INCIDENT_CHANGES, variables: wide } }));
    await expect(next()).resolves.toMatchObject({ id: '1', type: 'error', payload: [{ extensions: { code: 'INPUT.INVALID', errors: [{ field: 'payload.variables.v100' }] } }] });
    socket.send(JSON.stringify({ id: '2', type: 'next', payload: {} }));
    await expect(closed).resolves.toBe(4400);
  });

  it("counts an address's upgrades and socket messages, on all its sockets, with its HTTP requests (RATE_LIMIT_PER_MINUTE): over it, 4429, and an upgrade gets 429", async () => {
    const limited = await startTestApp(database.url, undefined, { RATE_LIMIT_PER_MINUTE: '50' });
    try {
      await limited.app.listen(0, '127.0.0.1');
      const at = `ws://127.0.0.1:${(limited.app.getHttpServer().address() as AddressInfo).port}/graphql`;
      // Two upgrades and two handshakes, then 40 requests: 44 of the address's 50; then three ping frames and three ping messages.
      const first = await socketOf(limited.bearer('analyst'), at);
      const second = await socketOf(limited.bearer('analyst'), at);
      for (let i = 0; i < 40; i++) await limited.http.get('/incidents').set('Authorization', limited.bearer('analyst')).expect(200);
      for (let i = 0; i < 3; i++) {
        const pong = new Promise((resolve) => first.socket.once('pong', resolve));
        first.socket.ping();
        await pong;
      }
      for (let i = 0; i < 3; i++) {
        const pong = first.next();
        first.socket.send('{"type":"ping"}');
        await expect(pong).resolves.toEqual({ type: 'pong' });
      }
      second.socket.ping();
      await expect(second.closed).resolves.toBe(4429);
      const upgrade = await new Promise<IncomingMessage>((resolve) => new WebSocket(at, 'graphql-transport-ws').once('unexpected-response', (_request, response) => resolve(response)));
      expect(upgrade.statusCode).toBe(429);
      expect(upgrade.headers['content-type']).toBe('application/problem+json');
      expect(Number(upgrade.headers['retry-after'])).toBeGreaterThan(0);
      const problem = JSON.parse(Buffer.concat(await upgrade.toArray()).toString());
      expect(problem).toMatchObject({ status: 429, code: 'TOO_MANY_REQUESTS' });
      expect(problem.detail).toContain('More than 50 requests and socket messages a minute from this address');
      await limited.http.get('/incidents').set('Authorization', limited.bearer('analyst')).expect(429);
      first.socket.close();
    } finally {
      await limited.close();
    }
  });

  it(`lets one address hold at most ${MAX_CONNECTIONS_PER_CLIENT} connections open at once: the next, socket or request, gets 429 until one closes`, async () => {
    const limited = await startTestApp(database.url, undefined, { RATE_LIMIT_PER_MINUTE: '1000' });
    try {
      await limited.app.listen(0, '127.0.0.1');
      const at = `ws://127.0.0.1:${(limited.app.getHttpServer().address() as AddressInfo).port}/graphql`;
      const held = await Promise.all(Array.from({ length: MAX_CONNECTIONS_PER_CLIENT }, () => rawSocket(at)));
      const refusal = await new Promise<IncomingMessage>((resolve) => new WebSocket(at, 'graphql-transport-ws').once('unexpected-response', (_request, response) => resolve(response)));
      expect(refusal.statusCode).toBe(429);
      expect(JSON.parse(Buffer.concat(await refusal.toArray()).toString()).detail).toContain(`More than ${MAX_CONNECTIONS_PER_CLIENT} open connections from this address`);
      const request = await limited.http.get('/incidents').set('Authorization', limited.bearer('analyst')).catch((error: Error) => error);
      expect(request instanceof Error ? request.message : String(request.status)).toMatch(/429|ECONNRESET|socket hang up/);
      held[0].socket.close();
      await held[0].closed;
      // Once the server has seen it close, its place is free.
      let answered = 0;
      for (let attempt = 0; answered !== 200 && attempt < 50; attempt++) {
        answered = await limited.http.get('/incidents').set('Authorization', limited.bearer('analyst')).then((response) => response.status, () => 0);
        if (answered !== 200) await delay(20);
      }
      expect(answered).toBe(200);
      for (const { socket } of held) socket.terminate();
    } finally {
      await limited.close();
    }
  });

  it('refuses an upgrade to any other path, 400 naming Upgrade, and closes its connection (it was left open, unanswered)', async () => {
    const port = new URL(url).port;
    for (const [path, upgrade] of [['/incidents', 'websocket'], ['/graphqlx', 'websocket'], ['/incidents', 'h2c']]) {
      // Answered and closed by the server: the exchange settles only once it ends the connection.
      const answer = await rawExchange(
        Number(port),
        `GET ${path} HTTP/1.1\r\nHost: localhost\r\nConnection: Upgrade\r\nUpgrade: ${upgrade}\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`,
      );
      const [head, body] = answer.split('\r\n\r\n');
      expect(head).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
      expect(head).toContain('Content-Type: application/problem+json');
      expect(JSON.parse(body)).toMatchObject({ status: 400, code: 'INPUT.INVALID', errors: [{ field: 'Upgrade', message: expect.stringContaining('only /graphql takes an Upgrade') }] });
    }
  });

  it('refuses a malformed handshake to /graphql as problem+json naming the header (405 for another method), not as text/html; after the answer to a request pipelined before it, as a sound one is', async () => {
    const port = Number(new URL(url).port);
    const valid = { Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Version': '13', 'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==' };
    // Each with its Host lines (one, `localhost`, unless given).
    const cases: [string, Record<string, string>, number, string, string[]?][] = [
      ['GET', { ...valid, Upgrade: 'websocketx' }, 400, 'Upgrade'],
      ['GET', { ...valid, 'Sec-WebSocket-Key': 'short' }, 400, 'Sec-WebSocket-Key'],
      ['GET', { ...valid, 'Sec-WebSocket-Version': '12' }, 400, 'Sec-WebSocket-Version'],
      // ws reads the version as a number; RFC 6455 writes it as a token.
      ['GET', { ...valid, 'Sec-WebSocket-Version': '13.0' }, 400, 'Sec-WebSocket-Version'],
      ['GET', { ...valid, 'Sec-WebSocket-Version': '0xd' }, 400, 'Sec-WebSocket-Version'],
      ['GET', { ...valid, 'Sec-WebSocket-Version': '013' }, 400, 'Sec-WebSocket-Version'],
      ['GET', { ...valid, 'Sec-WebSocket-Protocol': 'a,,b' }, 400, 'Sec-WebSocket-Protocol'],
      ['GET', { ...valid, 'Sec-WebSocket-Extensions': 'permessage-deflate;;' }, 400, 'Sec-WebSocket-Extensions'],
      ['GET', { ...valid, 'Sec-WebSocket-Extensions': ',=x' }, 400, 'Sec-WebSocket-Extensions'],
      // The Host rule of every request (RFC 9112 section 3.2).
      ['GET', valid, 400, 'Host', []],
      ['GET', valid, 400, 'Host', ['localhost', 'localhost']],
      ['GET', valid, 400, 'Host', ['a b']],
      ['POST', valid, 405, ''],
    ];
    for (const [method, headers, status, field, hosts = ['localhost']] of cases) {
      const lines = [...hosts.map((host) => ['Host', host]), ...Object.entries(headers)].map(([name, value]) => `${name}: ${value}\r\n`).join('');
      const answer = await rawExchange(port, `${method} /graphql HTTP/1.1\r\n${lines}\r\n`);
      const [head, body] = answer.split('\r\n\r\n');
      expect(head).toMatch(new RegExp(`^HTTP/1\\.1 ${status} `));
      expect(head).toContain('Content-Type: application/problem+json');
      expect(JSON.parse(body)).toMatchObject(status === 405 ? { status, code: 'METHOD_NOT_ALLOWED' } : { status, code: 'INPUT.INVALID', errors: [{ field }] });
      if (field === 'Sec-WebSocket-Version') expect(head).toContain('Sec-WebSocket-Version: 13, 8');
    }
    // Pipelined behind a request still being answered: that answer whole first, then the refusal.
    const lines = Object.entries({ ...valid, 'Sec-WebSocket-Version': '99' }).map(([name, value]) => `${name}: ${value}\r\n`).join('');
    const pipelined = await rawExchange(port, `GET /health HTTP/1.1\r\nHost: localhost\r\n\r\nGET /graphql HTTP/1.1\r\nHost: localhost\r\n${lines}\r\n`);
    expect(pipelined).toMatch(/^HTTP\/1\.1 200 OK\r\n[\s\S]*"status":"ok"[\s\S]*HTTP\/1\.1 400 Bad Request\r\n[\s\S]*"field":"Sec-WebSocket-Version"/);
    // A sound one too: the 101 comes after the whole answer before it, not into it.
    const sound = Object.entries({ ...valid, 'Sec-WebSocket-Protocol': 'graphql-transport-ws' }).map(([name, value]) => `${name}: ${value}\r\n`).join('');
    const upgraded = await rawExchange(port, `GET /health HTTP/1.1\r\nHost: localhost\r\n\r\nGET /graphql HTTP/1.1\r\nHost: localhost\r\n${sound}\r\n`, (received) => received.includes('101 Switching Protocols'));
    expect(upgraded).toMatch(/^HTTP\/1\.1 200 OK\r\n[\s\S]*"status":"ok"[\s\S]*HTTP\/1\.1 101 Switching Protocols\r\n/);
  });

  it('answers a handshake while the app shuts down with 503 problem+json and Retry-After (ws answered its own 503 in text/html)', async () => {
    const closing = await startTestApp(database.url);
    await closing.app.listen(0, '127.0.0.1');
    const port = (closing.app.getHttpServer().address() as AddressInfo).port;
    const handshake = 'GET /graphql HTTP/1.1\r\nHost: localhost\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Protocol: graphql-transport-ws\r\n\r\n';
    // A subscriber that never answers the close: the WebSocket server stays closing (for ws's 30 s) while the test knocks.
    const subscriber = connect(port, '127.0.0.1', () => subscriber.write(handshake));
    const frames: Buffer[] = [];
    subscriber.on('data', (chunk: Buffer) => frames.push(chunk));
    const framed = async (until: (received: string) => boolean) => {
      for (const deadline = Date.now() + 5_000; !until(Buffer.concat(frames).toString('latin1')); await delay(5)) if (Date.now() > deadline) throw new Error('nothing in time');
    };
    await framed((received) => received.includes('101 Switching Protocols'));
    const closed = closing.close();
    // graphql-ws sends its close frame (0x88, 1001) as Nest's GraphQL module stops it.
    await framed((received) => received.includes('\x88'));
    const answer = await rawExchange(port, handshake);
    subscriber.destroy();
    await closed;
    const [head, body] = answer.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 503 Service Unavailable\r\n/);
    expect(head).toContain('Content-Type: application/problem+json');
    expect(head).toMatch(/\r\nRetry-After: \d+/);
    expect(JSON.parse(body)).toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE', detail: expect.stringContaining('shutting down') });
  });

  it('runs at most 100 operations at once on one socket, refusing the next with QUERY.TOO_MANY_OPERATIONS', async () => {
    const { socket, next, closed } = await socketOf(reader.bearer('analyst'));
    for (let id = 1; id <= 101; id++) socket.send(JSON.stringify({ id: String(id), type: 'subscribe', payload: { query: INCIDENT_CHANGES } }));
    await expect(next()).resolves.toMatchObject({ id: '101', type: 'error', payload: [{ extensions: { code: 'QUERY.TOO_MANY_OPERATIONS' } }] });
    socket.close();
    await closed;
    await subscriptionsOpen(0);
  });

  it('answers a subscribe message holding a name twice with an error naming it, instead of running it; closes on any other such message', async () => {
    const { incidentId, position } = await open('read over the socket');
    await reader.http.get(`/incidents?consistentWith=${position}`).set('Authorization', reader.bearer('analyst')).expect(200);
    const { socket, next, closed } = await socketOf(reader.bearer('analyst'));
    const query = JSON.stringify('query($id: ID!) { incident(id: $id) { title } }');
    const cases = [
      ['1', `{"query":${query},"variables":{"id":"${incidentId}","id":"${incidentId}"}}`, 'payload.variables.id'],
      ['2', `{"query":${JSON.stringify(INCIDENT_CHANGES)},"variables":{"after":"0","after":"1"}}`, 'payload.variables.after'],
    ];
    for (const [id, payload, field] of cases) {
      socket.send(`{"id":"${id}","type":"subscribe","payload":${payload}}`);
      await expect(next()).resolves.toMatchObject({ id, type: 'error', payload: [{ extensions: { code: 'INPUT.INVALID', errors: [{ field }] } }] });
    }
    socket.send(`{"id":"3","type":"subscribe","payload":{"query":${query},"variables":{"id":"${incidentId}"}}}`);
    await expect(next()).resolves.toMatchObject({ id: '3', type: 'next', payload: { data: { incident: { title: 'read over the socket' } } } });
    socket.send('{"type":"ping","type":"pong"}');
    await expect(closed).resolves.toBe(4400);
  });

  it('refuses an `after` that is not a position, naming the field', async () => {
    const changes = client.iterate({ query: INCIDENT_CHANGES, variables: { after: 'yesterday' } });
    await expect(changes.next()).resolves.toMatchObject({
      value: { errors: [{ path: ['incidentChanges'], extensions: { code: 'INPUT.INVALID', status: 400, errors: [{ field: 'after' }] } }] },
    });
  });
});
