import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createClient, type Client } from 'graphql-ws';
import type { AddressInfo } from 'node:net';
import WebSocket from 'ws';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { graphql } from './graphql-client.js';

/** About 28,000 of the 30,000 an operation may cost: two fit in what a client's operations running at once may hold, three do not. */
const COSTLY = '{ incidents(first: 500) { items { tally(asOf: "1") { killed { total { best } } } } } }';

/** docs/security.md: what a client's GraphQL operations running at once may cost together, over HTTP and sockets, with a request budget. */
describe("GraphQL: a client's operations running at once", () => {
  let db: TestDatabase;
  let t: TestApp;
  let client: Client;

  beforeAll(async () => {
    db = await createTestDatabase();
    t = await startTestApp(db.url, undefined, { RATE_LIMIT_PER_MINUTE: '10000' });
    await t.app.listen(0, '127.0.0.1');
    const url = `ws://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}/graphql`;
    client = createClient({ url, webSocketImpl: WebSocket, connectionParams: { authorization: t.bearer('analyst') }, retryAttempts: 0 });
  });
  afterAll(async () => {
    await client?.dispose();
    await t?.close();
    await db?.drop();
  });

  const overSocket = (query: string) =>
    new Promise<{ data?: unknown; errors?: readonly { extensions?: Record<string, unknown> }[] }>((resolve, reject) => {
      let result: { data?: unknown } = {};
      client.subscribe({ query }, { next: (value) => (result = value), error: reject, complete: () => resolve(result) });
    });

  it('answers one costly operation after another without end, over HTTP and a socket: each holds its cost only until it has answered', async () => {
    for (let n = 0; n < 4; n++) {
      expect((await graphql(t, t.bearer('analyst'), COSTLY)).errors).toBeUndefined();
      expect((await overSocket(COSTLY)).errors).toBeUndefined();
    }
  });

  it('answers costly operations sent side by side, or refuses those the costs held at once leave no room for with 429 TOO_MANY_REQUESTS; serves the client again once they answered', async () => {
    const answers = await Promise.all(Array.from({ length: 6 }, (_, n) => (n % 2 === 0 ? graphql(t, t.bearer('analyst'), COSTLY) : overSocket(COSTLY))));
    for (const { errors } of answers) {
      if (errors) expect(errors).toEqual([expect.objectContaining({ extensions: { code: 'TOO_MANY_REQUESTS', status: 429 } })]);
    }
    expect(answers.filter(({ errors }) => errors === undefined).length).toBeGreaterThanOrEqual(2);
    expect((await graphql(t, t.bearer('analyst'), COSTLY)).errors).toBeUndefined();
    expect((await overSocket(COSTLY)).errors).toBeUndefined();
  });
});
