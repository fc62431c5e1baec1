import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { incidentStream } from '../../src/event-store/stream-names.js';
import { schemaVersionOf } from '../../src/incidents/stored-events/incident-events.js';
import { AsOfTallyService } from '../../src/incidents/audit/as-of-tally.service.js';
import { IncidentQueries } from '../../src/incidents/read-models/incident-summary/incident.queries.js';
import { MAX_NESTING, MAX_TOKENS } from '../../src/incidents/api/graphql/query-limits.js';
import type { AddressInfo } from 'node:net';
import { killed, recordId } from '../support/incident-fixtures.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { graphql, type GraphqlResponse } from './graphql-client.js';
import { OPEN_INCIDENT, villaUnionIncident } from './villa-union.js';

/** Records seeded on one incident, appended straight through the event-store port in appends of `CHUNK`. */
const RECORDS = 5_000;
const CHUNK = 1_000;
describe('GraphQL limits: attacks are refused before they cost', () => {
  let database: TestDatabase;
  let t: TestApp;
  let analyst: string;
  let incidentId: string;
  /** Positions of the opening and of the last record. */
  let openedAt: bigint;
  let position = '';
  let base: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    t = await startTestApp(database.url);
    analyst = t.bearer('analyst');
    const opened = await graphql(t, t.bearer('reporter'), OPEN_INCIDENT, { input: villaUnionIncident() });
    incidentId = opened.data!.openIncident.incidentId;
    openedAt = BigInt(opened.data!.openIncident.position);
    for (let start = 1; start <= RECORDS; start += CHUNK) {
      const events = Array.from({ length: CHUNK }, (_, offset) => {
        const { type, data } = killed(start + offset, 'armed_group', 1);
        return { id: randomUUID(), type, data: { ...data, incidentId, recordId: recordId(start + offset) }, metadata: { schemaVersion: schemaVersionOf(type) } };
      });
      position = String((await t.store.appendToStream(incidentStream(incidentId), events)).position);
    }
    // The read model knows the history's length once the projection has caught up (a 503 while it has not).
    for (;;) {
      const read = await graphql(t, analyst, `query($id: ID!, $at: String) { incident(id: $id, consistentWith: $at) { revision } }`, { id: incidentId, at: position });
      if (read.data?.incident) break;
    }
    // Attacks and `/health` go to a listening server, so `/health` is asked while an attack is in flight.
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
  }, 180_000);
  afterEach(() => {
    jest.restoreAllMocks();
  });
  afterAll(async () => {
    await t?.close();
    await database?.drop();
  });

  async function post(authorization: string | undefined, query: string, variables: object = {}): Promise<GraphqlResponse> {
    const headers: Record<string, string> = { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) };
    const response = await fetch(`${base}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
    return { status: response.status, ...((await response.json()) as object) };
  }

  /**
   * Sends `query`, then `/health` while it is in flight, watching the resolvers' reads: an incident
   * read from the read model and a tally as of a past moment. How fast a refusal is, is
   * measured by `npm run bench:graphql`; here, which stage refused it and that nothing was read.
   */
  async function attack(authorization: string | undefined, query: string, variables?: object): Promise<GraphqlResponse> {
    const reads = [jest.spyOn(t.app.get(IncidentQueries), 'incident'), jest.spyOn(t.app.get(AsOfTallyService), 'incidentsAt')];
    const sent = post(authorization, query, variables);
    expect((await fetch(`${base}/health`)).status).toBe(200);
    const response = await sent;
    for (const read of reads) expect(read).not.toHaveBeenCalled();
    return response;
  }

  it('10,000 unknown directives without a token: 401 before the document is parsed', async () => {
    const response = await attack(undefined, `{ __typename ${'@x '.repeat(10_000)}}`);
    expect(response.status).toBe(401);
    expect(response.errors![0].extensions).toMatchObject({ code: 'UNAUTHORIZED', status: 401 });
  });

  it('the same document with a token: refused while parsing, over the token limit', async () => {
    const response = await attack(analyst, `{ __typename ${'@x '.repeat(10_000)}}`);
    expect(response.status).toBe(400);
    expect(response.errors![0].message).toMatch(`${MAX_TOKENS} tokens`);
  });

  it('1,000 @include(if: true): refused', async () => {
    const response = await attack(analyst, `{ __typename ${'@include(if: true) '.repeat(1_000)}}`);
    expect(response.status).toBe(400);
  });

  it('more directives than the limit, within the token limit: QUERY.TOO_MANY_DIRECTIVES', async () => {
    const response = await graphql(t, analyst, `{ __typename ${'@include(if: true) '.repeat(60)}}`);
    expect(response.status).toBe(400);
    expect(response.errors).toContainEqual({ message: 'Directives limit of 50 exceeded, found 60.', extensions: { code: 'QUERY.TOO_MANY_DIRECTIVES', status: 400 } });
  });

  it.each([
    ['215 incident(id:) fields with different ids', `{ ${Array.from({ length: 215 }, (_, i) => `incident(id: "${i}") { id }`).join(' ')} }`],
    ['the same through 60 fragments', `{ ${Array.from({ length: 60 }, (_, i) => `...F${i}`).join(' ')} } ${Array.from({ length: 60 }, (_, i) => `fragment F${i} on Query { incident(id: "${i}") { id } }`).join(' ')}`],
  ])('%s (graphql-js compares each pair for merging): QUERY.REPEATED_FIELDS before validation', async (_, query) => {
    const response = await attack(analyst, query);
    expect(response.status).toBe(400);
    expect(response.errors).toEqual([expect.objectContaining({ extensions: { code: 'QUERY.REPEATED_FIELDS', status: 400 } })]);
  });

  const nested = (depth: number) => ({
    'a list literal': `{ tallies(groupBy: ${'['.repeat(depth)}COUNTRY${']'.repeat(depth)}) { incidents } }`,
    'an object literal': `{ incidents(filter: ${'{a: '.repeat(depth)}1${'}'.repeat(depth)}) { items { id } } }`,
    selections: `{ ${'a { '.repeat(depth)}b${' }'.repeat(depth)} }`,
    "a variable's default": `query($v: [String] = ${'['.repeat(depth)}"x"${']'.repeat(depth)}) { __typename }`,
    'an unclosed list': `{ tallies(groupBy: ${'['.repeat(depth)}`,
  });
  it.each(Object.keys(nested(1)))(`%s nested ${MAX_NESTING + 1} and 4,900 deep (graphql-js parses recursively): QUERY.TOO_DEEP before parsing, by POST and GET`, async (shape) => {
    for (const depth of [MAX_NESTING + 1, 4_900]) {
      const query = nested(depth)[shape as keyof ReturnType<typeof nested>];
      const tooDeep = { status: 400, errors: [{ message: `The document nests brackets deeper than ${MAX_NESTING} levels`, extensions: { code: 'QUERY.TOO_DEEP', status: 400 } }] };
      expect(await attack(analyst, query)).toMatchObject(tooDeep);
      // (4,900 levels make a URL longer than Node takes: 431 before any of this.)
      if (depth > MAX_NESTING + 1) continue;
      const get = await fetch(`${base}/graphql?query=${encodeURIComponent(query)}`, { headers: { authorization: analyst, 'apollo-require-preflight': '1' } });
      expect({ status: get.status, ...((await get.json()) as object) }).toMatchObject(tooDeep);
    }
    // Brackets inside strings and comments are not nesting.
    const quoted = await post(analyst, `{ __typename # ${'['.repeat(500)}\n incidents(filter: { q: "${'['.repeat(500)}" }) { items { id } } }`);
    expect(quoted.errors?.map(({ extensions }) => extensions?.code)).not.toContain('QUERY.TOO_DEEP');
  });

  it('introspection with ofType nested 30 deep: QUERY.TOO_DEEP', async () => {
    const response = await attack(analyst, `{ __schema { types { ${'ofType { '.repeat(30)}name${' }'.repeat(30)} } } }`);
    expect(response.status).toBe(400);
    expect(response.errors).toContainEqual({ message: 'Query depth limit of 20 exceeded, found 33.', extensions: { code: 'QUERY.TOO_DEEP', status: 400 } });
  });

  it(`100 tally(asOf:, bestPolicy:) aliases written out in full, without a fragment, are within the token limit (${MAX_TOKENS})`, async () => {
    const figures = '{ total { best low high } }';
    const aliases = Array.from({ length: 100 }, (_, n) => `a${n}: tally(asOf: "${openedAt + BigInt(n)}", bestPolicy: MEDIAN) { killed ${figures} injured ${figures} }`).join(' ');
    const served = await post(analyst, `query($id: ID!) { incident(id: $id) { ${aliases} } }`, { id: incidentId });
    expect(served.errors).toBeUndefined();
    expect(Object.keys(served.data!.incident as object)).toHaveLength(100);
  });

  it('more aliases than the limit, within the token limit: QUERY.TOO_MANY_ALIASES', async () => {
    const response = await post(analyst, `{ ${Array.from({ length: 101 }, (_, n) => `a${n}: incidents { __typename }`).join(' ')} }`);
    expect(response.status).toBe(400);
    expect(response.errors).toContainEqual({ message: 'Aliases limit of 100 exceeded, found 101.', extensions: { code: 'QUERY.TOO_MANY_ALIASES', status: 400 } });
  });

  it(`as-of tallies are priced flatly (an indexed read, not a fold): 100 tally(asOf) aliases of one incident over ${RECORDS} records are served, each as of its own position`, async () => {
    // The reads the attacks above watch are seen when an operation within the limits is served.
    const reads = [jest.spyOn(t.app.get(IncidentQueries), 'incident'), jest.spyOn(t.app.get(AsOfTallyService), 'incidentsAt')];
    const cuts = (n: number) => (n === 0 ? String(openedAt) : n === 99 ? position : String(openedAt + BigInt(n * 50)));
    const aliases = Array.from({ length: 100 }, (_, n) => `a${n}: tally(asOf: "${cuts(n)}") { ...killed }`).join(' ');
    const served = await post(analyst, `query($id: ID!) { incident(id: $id) { ${aliases} } } fragment killed on Tally { killed { total { best } } }`, { id: incidentId });
    expect(served.errors).toBeUndefined();
    const incident = served.data!.incident as Record<string, unknown>;
    expect(incident.a0).toEqual({ killed: { total: { best: 0 } } });
    expect(incident.a99).toEqual({ killed: { total: { best: RECORDS } } });
    for (const read of reads) expect(read).toHaveBeenCalled();
  });
});
