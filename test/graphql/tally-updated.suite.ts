import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createClient, type Client } from 'graphql-ws';
import type { AddressInfo } from 'node:net';
import type { EventStoreUnderTest } from '../support/event-stores.js';
import { setTimeout as delay } from 'node:timers/promises';
import WebSocket from 'ws';
import { activeSubscriptions } from '../../src/incidents/api/graphql/tally-updated.resolver.js';
import { MAX_TOKENS } from '../../src/incidents/api/graphql/query-limits.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { graphql } from './graphql-client.js';
import { COAHUILA, OPEN_INCIDENT, recordVillaUnion, REPORT_CASUALTIES, villaUnionIncident } from './villa-union.js';

const TALLY_UPDATED = `subscription($id: ID!) { tallyUpdated(incidentId: $id) { killed { total { best low high } } } }`;

/** Waits for a condition the test cannot be notified of (the server's subscription count), checking every 5 ms. */
async function until(condition: () => Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await delay(5);
  }
}

const subscriptionsOpen = async (count: number) => (await activeSubscriptions.get()).values[0]?.value === count;

/** The close code of a graphql-transport-ws handshake with `payload` as connection params. */
function handshake(url: string, payload: Record<string, unknown>): Promise<{ code: number; acknowledged: boolean }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, 'graphql-transport-ws');
    let acknowledged = false;
    socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload })));
    socket.on('message', (message) => {
      acknowledged ||= JSON.parse(String(message)).type === 'connection_ack';
      if (acknowledged) socket.close(1000);
    });
    socket.on('close', (code) => resolve({ code, acknowledged }));
    socket.on('error', reject);
  });
}

/**
 * `tallyUpdated` end to end, and the worked example read back over the socket, with the event store `eventStore()`
 * gives (PostgreSQL by default; EventStoreDB in `tally-updated-esdb.e2e-spec.ts`).
 */
export function describeTallyUpdated(name: string, eventStore: () => Promise<EventStoreUnderTest>) {
  describe(`subscription tallyUpdated over graphql-ws (${name})`, () => {
    let database: TestDatabase;
    let store: EventStoreUnderTest;
    let writer: TestApp;
    let reader: TestApp;
    let url: string;
    let client: Client;

    beforeAll(async () => {
      [database, store] = await Promise.all([createTestDatabase(), eventStore()]);
      // Two instances on one database: the subscriber's instance is not the one taking the command.
      writer = await startTestApp(database.url, store.connectionString);
      reader = await startTestApp(database.url, store.connectionString);
      await reader.app.listen(0, '127.0.0.1');
      url = `ws://127.0.0.1:${(reader.app.getHttpServer().address() as AddressInfo).port}/graphql`;
      client = createClient({ url, webSocketImpl: WebSocket, connectionParams: { authorization: reader.bearer('analyst') }, retryAttempts: 0 });
    });
    afterAll(async () => {
      await client?.dispose();
      await writer?.close();
      await reader?.close();
      await store?.dispose();
      await database?.drop();
    });

    it('rejects the handshake without a valid token (4401) and without a read role (4403)', async () => {
      await expect(handshake(url, {})).resolves.toEqual({ code: 4401, acknowledged: false });
      await expect(handshake(url, { authorization: 'Bearer not-a-jwt' })).resolves.toEqual({ code: 4401, acknowledged: false });
      await expect(handshake(url, { authorization: reader.bearer('reporter') })).resolves.toEqual({ code: 4403, acknowledged: false });
      await expect(handshake(url, { authorization: reader.bearer('analyst') })).resolves.toEqual({ code: 1000, acknowledged: true });
    });

    it('pushes the tally after each command, one update per command, on another app instance than the one that took it', async () => {
      const reporter = writer.bearer('reporter');
      const opened = await graphql(writer, reporter, OPEN_INCIDENT, { input: villaUnionIncident() });
      const incidentId = opened.data!.openIncident.incidentId as string;
      // The opening's own change is committed before subscribing, so every update below answers one command.
      await graphql(reader, reader.bearer('analyst'), `query($id: ID!, $at: String) { incident(id: $id, consistentWith: $at) { id } }`, {
        id: incidentId,
        at: opened.data!.openIncident.position,
      });

      const received: number[] = [];
      let notify: () => void = () => undefined;
      const unsubscribe = client.subscribe<{ tallyUpdated: { killed: { total: { best: number } } } }>(
        { query: TALLY_UPDATED, variables: { id: incidentId } },
        {
          next: ({ data }) => {
            received.push(data!.tallyUpdated.killed.total.best);
            notify();
          },
          error: (error) => {
            throw error;
          },
          complete: () => undefined,
        },
      );
      await until(() => subscriptionsOpen(1));

      for (const [index, count] of [7, 7, 3, 5, 2].entries()) {
        const pushed = new Promise<void>((resolve) => (notify = resolve));
        const written = await graphql(writer, reporter, REPORT_CASUALTIES, {
          incidentId,
          input: { occurredAt: '2019-11-30', source: COAHUILA, party: 'ARMED_GROUP', outcome: 'KILLED', count, basis: 'INCREMENTAL' },
        });
        expect(written.errors).toBeUndefined();
        await pushed;
        expect(received[index]).toBe([7, 14, 17, 22, 24][index]);
      }
      // One update per command, none pushed twice.
      expect(received).toEqual([7, 14, 17, 22, 24]);

      unsubscribe();
      await until(() => subscriptionsOpen(0));
    });

    it('the worked example through mutations shows 23 killed (best) with per-party and per-source figures', async () => {
      const { incidentId, position } = await recordVillaUnion(writer, writer.bearer('reporter'));
      const read = await first(
        `{ incident(id: "${incidentId}", consistentWith: "${position}") { tally { killed { total { best low high } byParty { party best sources { name figure } } } } } }`,
      );
      expect(read).toMatchObject({
        data: {
          incident: {
            tally: {
              killed: {
                total: { best: 23, low: 23, high: 30 },
                byParty: [
                  { party: 'ARMED_GROUP', best: 14, sources: [{ name: 'Coahuila state government', figure: 14 }, { name: 'El Siglo de Torreón', figure: 21 }] },
                  { party: 'POLICE', best: 4 },
                  { party: 'CIVILIAN', best: 2 },
                  { party: 'UNKNOWN', best: 3 },
                ],
              },
            },
          },
        },
      });
    });

    const first = (query: string) =>
      new Promise<unknown>((resolve) => client.subscribe({ query }, { next: resolve, error: resolve, complete: () => undefined }));

    it('checks operations over the socket like those over HTTP: roles, tokens, aliases, depth, complexity, error shapes', async () => {
      await expect(first(`{ __typename ${'@x '.repeat(10_000)}}`)).resolves.toEqual([
        expect.objectContaining({ message: expect.stringContaining(`${MAX_TOKENS} tokens`), extensions: { code: 'GRAPHQL_PARSE_FAILED', status: 400 } }),
      ]);
      await expect(first(`{ ${Array.from({ length: 101 }, (_, n) => `a${n}: incidents { __typename }`).join(' ')} }`)).resolves.toContainEqual(
        expect.objectContaining({ extensions: { code: 'QUERY.TOO_MANY_ALIASES', status: 400 } }),
      );
      await expect(first(`{ incidentHistory(id: "${crypto.randomUUID()}") { items { eventId } } }`)).resolves.toMatchObject({
        errors: [{ path: ['incidentHistory'], extensions: { code: 'FORBIDDEN', status: 403 } }],
      });
      await expect(first(`subscription { tallyUpdated(incidentId: "x") { ${'a { '.repeat(10)}b${' }'.repeat(10)} } }`)).resolves.toContainEqual(
        expect.objectContaining({ extensions: { code: 'QUERY.TOO_DEEP', status: 400 } }),
      );
      // Nested past what graphql-js's recursive parser can take: refused before parsing, the socket kept.
      await expect(first(`subscription { tallyUpdated(incidentId: ${'['.repeat(4_990)}`)).resolves.toEqual([
        expect.objectContaining({ extensions: { code: 'QUERY.TOO_DEEP', status: 400 } }),
      ]);
      await expect(first(`{ incidents(first: 500) { items { id timeline(first: 500) { items { summary } } } } }`)).resolves.toEqual({
        errors: [{ message: expect.stringMatching(/complexity \d+ is over the limit of 30000/), extensions: { code: 'QUERY.TOO_COMPLEX', status: 400 } }],
      });
      await expect(first(`query($id: ID!) { incident(id: $id) { id } }`)).resolves.toMatchObject({ errors: [{ extensions: { code: 'INPUT.INVALID', status: 400 } }] });
    });
  });
}
