import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { JwtService } from '@nestjs/jwt';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import WebSocket from 'ws';
import { activeSubscriptions } from '../../src/incidents/api/graphql/tally-updated.resolver.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { graphql } from '../graphql/graphql-client.js';
import { COAHUILA, OPEN_INCIDENT, REPORT_CASUALTIES, villaUnionIncident } from '../graphql/villa-union.js';

const YEAR = 365 * 24 * 3600;

/** A graphql-transport-ws socket that records every message and its close code. */
function socket(url: string, authorization: string) {
  const ws = new WebSocket(url, 'graphql-transport-ws');
  const messages: { type: string; payload?: unknown }[] = [];
  let onMessage = () => {};
  ws.on('message', (data) => {
    messages.push(JSON.parse(String(data)));
    onMessage();
  });
  ws.on('open', () => ws.send(JSON.stringify({ type: 'connection_init', payload: { authorization } })));
  const closed = new Promise<{ code: number; at: number }>((resolve) => ws.on('close', (code) => resolve({ code, at: Date.now() })));
  /** Resolves when a message of `type` has arrived. */
  const received = (type: string) =>
    new Promise<void>((resolve) => {
      onMessage = () => messages.some((message) => message.type === type) && resolve();
      onMessage();
    });
  return { ws, messages, closed, received };
}

describe('token lifetimes on REST, GraphQL and graphql-ws', () => {
  let database: TestDatabase;
  let t: TestApp;
  let url: string;
  let jwt: JwtService;
  const claims = { sub: 'ana', roles: ['analyst'] };

  beforeAll(async () => {
    database = await createTestDatabase();
    t = await startTestApp(database.url);
    await t.app.listen(0, '127.0.0.1');
    url = `ws://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}/graphql`;
    jwt = t.app.get(JwtService);
  });
  afterAll(async () => {
    await t?.close();
    await database?.drop();
  });

  const now = () => Math.floor(Date.now() / 1000);
  it.each([
    ['without exp', () => jwt.sign(claims)],
    ['issued a year ahead (iat)', () => jwt.sign({ ...claims, iat: now() + YEAR }, { expiresIn: 3600 })],
    ['living a year (exp - iat over the maximum)', () => jwt.sign(claims, { expiresIn: YEAR })],
    ['with a crit header', () => jwt.sign(claims, { expiresIn: 3600, header: { alg: 'HS256', crit: ['exp'] } as never })],
  ])('a token %s gets 401 on REST and GraphQL, 4401 on the socket', async (_, token) => {
    const bearer = `Bearer ${token()}`;
    const rest = await t.http.get('/incidents').set('Authorization', bearer);
    expect(rest.status).toBe(401);
    expect(rest.headers['content-type']).toMatch(/^application\/problem\+json/);
    const overGraphql = await graphql(t, bearer, '{ incidents { items { id } } }');
    expect(overGraphql.status).toBe(401);
    expect(overGraphql.errors![0].extensions).toMatchObject({ code: 'UNAUTHORIZED', status: 401 });
    const { closed, messages } = socket(url, bearer);
    expect((await closed).code).toBe(4401);
    expect(messages).toEqual([]);
  });

  it('closes a live tallyUpdated subscription with 4401 when its 3-second token expires', async () => {
    const reporter = t.bearer('reporter');
    const opened = await graphql(t, reporter, OPEN_INCIDENT, { input: villaUnionIncident() });
    const incidentId = opened.data!.openIncident.incidentId as string;
    const issuedAt = Date.now();
    const live = socket(url, `Bearer ${t.app.get(JwtService).sign(claims, { expiresIn: 3 })}`);
    await live.received('connection_ack');
    const subscribe = { query: 'subscription($id: ID!) { tallyUpdated(incidentId: $id) { killed { total { best } } } }', variables: { id: incidentId } };
    live.ws.send(JSON.stringify({ id: '1', type: 'subscribe', payload: subscribe }));
    // Live: once the subscription is listening, a command's update arrives over it.
    while ((await activeSubscriptions.get()).values[0]?.value !== 1) await delay(5);
    const updated = live.received('next');
    const input = { occurredAt: '2019-11-30', source: COAHUILA, party: 'ARMED_GROUP', outcome: 'KILLED', count: 1, basis: 'INCREMENTAL' };
    expect((await graphql(t, reporter, REPORT_CASUALTIES, { incidentId, input })).errors).toBeUndefined();
    await updated;
    const { code, at } = await live.closed;
    expect(code).toBe(4401);
    // exp is in whole seconds: 2 to 3 s after issuance; the bound allows a loaded machine 2 s more.
    expect(at - issuedAt).toBeGreaterThanOrEqual(1_900);
    expect(at - issuedAt).toBeLessThan(5_000);
  });
});
