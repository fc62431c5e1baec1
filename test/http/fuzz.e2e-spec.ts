import fc from 'fast-check';
import { Agent, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DataSource } from 'typeorm';
import { INCIDENTS_PROJECTION } from '../../src/incidents/read-models/incidents.projection.js';
import { ProjectionPositions } from '../../src/projections/projection-positions.js';
import { quarantinedStreams } from '../../src/projections/quarantine.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { type FuzzRequest, fuzzRequest, type FuzzTargets } from './fuzz-requests.js';

/**
 * Issue 11 item 7: hostile requests on every REST route and GraphQL mutation never get a 5xx; a
 * REST 4xx is problem+json; a REST write whose body is not JSON gets 415; a GraphQL error has a code and is not internal; a refused command
 * appends nothing. Seeded (`FUZZ_SEED` replays a run), at least `RUNS` requests.
 */
const RUNS = 5_000;
/** Jest's guard against a hung run, not a bound on speed: every one of the RUNS requests is sent. */
const TIMEOUT_MS = 600_000;
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);

interface Answer {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
}

describe('fuzzing every route', () => {
  let db: TestDatabase;
  let t: TestApp;
  let base: { host: string; port: number };
  const agent = new Agent({ keepAlive: true });
  let targets: FuzzTargets;

  beforeAll(async () => {
    db = await createTestDatabase();
    t = await startTestApp(db.url);
    await t.app.listen(0, '127.0.0.1');
    base = { host: '127.0.0.1', port: (t.app.getHttpServer().address() as AddressInfo).port };
    const tokens = { writer: t.bearer('reporter'), reader: t.bearer('analyst'), auditor: t.bearer('auditor'), admin: t.bearer('admin') };
    const opened = await t.http.post('/incidents').set('Authorization', tokens.writer).send({ title: 'Fuzz target', category: 'battle', occurredAt: '2019-11-30', location: { country: 'MX', admin1: 'Coahuila' } });
    const record = { occurredAt: '2019-11-30', source: { name: 'Coahuila state government', kind: 'government' }, count: 3 };
    const recorded = await t.http.post(`/incidents/${opened.body.incidentId}/arrests`).set('Authorization', tokens.writer).send(record);
    expect(recorded.status).toBe(201);
    targets = { incidentId: opened.body.incidentId, recordId: recorded.body.recordId, tokens };
  });
  afterAll(async () => {
    agent.destroy();
    await t?.close();
    await db?.drop();
  });

  function send(request: FuzzRequest): Promise<Answer> {
    return new Promise((resolve, reject) => {
      const outgoing = httpRequest({ ...base, agent, method: request.method, path: request.path, headers: request.headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode!, contentType: response.headers['content-type'] ?? '', body: Buffer.concat(chunks).toString('utf8') }));
      });
      outgoing.on('error', reject);
      outgoing.end(request.body);
    });
  }

  /** What is wrong with the answer to `request`, if anything. */
  function faultOf(request: FuzzRequest, answer: Answer, appended: boolean): string | undefined {
    if (answer.status >= 500) return `${answer.status}: ${answer.body}`;
    if (!request.graphql) {
      const type = request.headers['Content-Type'] ?? '';
      if (request.write && request.body && !type.startsWith('application/json') && answer.status !== 415) return `a ${type} body answered ${answer.status}, not 415`;
      if (answer.status >= 400 && !answer.contentType.startsWith('application/problem+json')) return `${answer.status} as ${answer.contentType}: ${answer.body}`;
      if (answer.status >= 400 && appended) return `refused with ${answer.status} yet appended`;
      return undefined;
    }
    const { errors } = JSON.parse(answer.body) as { errors?: { extensions?: { code?: string; status?: number } }[] };
    const bad = errors?.find(({ extensions }) => !extensions?.code || extensions.code === 'INTERNAL_SERVER_ERROR' || (extensions.status ?? 400) >= 500);
    if (bad) return `GraphQL error ${JSON.stringify(bad)}`;
    if (errors?.length && appended) return 'GraphQL mutation failed yet appended';
    return undefined;
  }

  it(`answers ${RUNS} hostile requests without a 5xx, with problem+json, appending nothing when refusing`, async () => {
    console.log(`fuzz seed ${SEED} (replay with FUZZ_SEED=${SEED})`);
    let sent = 0;
    const regressions = reportedCases(targets).map((request) => [request] as [FuzzRequest]);
    // Requests go one at a time and the projection appends nothing, so the head moves only by accepted writes.
    let head = await t.store.headPosition();
    await fc.assert(
      fc.asyncProperty(fuzzRequest(targets), async (request) => {
        const answer = await send(request);
        sent++;
        const before = head;
        if (request.write) head = await t.store.headPosition();
        const appended = head !== before;
        const fault = faultOf(request, answer, appended);
        if (fault) throw new Error(`${request.method} ${request.path} ${request.body ?? ''}\n→ ${fault}`);
      }),
      { seed: SEED, numRuns: RUNS, examples: regressions, endOnFailure: true },
    );
    console.log(`fuzz sent ${sent} requests`);
    // Whatever was accepted, the read models hold it: they reach the head and set no stream aside.
    await t.app.get(ProjectionPositions).waitFor(INCIDENTS_PROJECTION, await t.store.headPosition(), 10_000);
    expect(await quarantinedStreams(t.app.get(DataSource))).toEqual([]);
    expect(sent).toBeGreaterThanOrEqual(RUNS);
  }, TIMEOUT_MS);
});

/** The reported inputs, replayed first on every run. */
function reportedCases({ incidentId, tokens }: FuzzTargets): FuzzRequest[] {
  const write = (path: string, body: string): FuzzRequest => ({ method: 'POST', path, headers: { 'Content-Type': 'application/json', Authorization: tokens.writer }, body, write: true, graphql: false });
  const read = (path: string): FuzzRequest => ({ method: 'GET', path, headers: { Authorization: tokens.admin }, write: false, graphql: false });
  const open = (fields: string) => `{"title":"t","category":"battle","location":{"country":"MX","admin1":"C"},${fields}}`;
  const cursor = (key: unknown) => Buffer.from(JSON.stringify(key)).toString('base64url');
  return [
    write('/incidents', open('"occurredAt":"2019"')),
    write('/incidents', open('"occurredAt":"2019-11"')),
    write('/incidents', open('"occurredAt":"2019-11-30T12:00:00+23:00"')),
    write('/incidents', open('"occurredAt":"2019-11-30","tags":["a\\u0000b"]')),
    write('/incidents', open('"occurredAt":"2019-11-30","title":"\\ud800"')),
    write('/incidents', open('"occurredAt":"2019-11-30","unknown":"\\ud800"')),
    write(`/incidents/${incidentId.toUpperCase()}/close`, '{}'),
    read('/incidents?occurredFrom=2019'),
    read(`/incidents?after=${cursor(['2019', '0b0f6a1e-5d8c-4c1e-9a7e-2f1d3c4b5a69'])}`),
    read(`/incidents/${incidentId}/timeline?after=${cursor(['2019-11-30T00:00:00.000Z', 2 ** 40])}`),
    read(`/incidents/${incidentId}/events?after=${cursor(['9223372036854775807'])}`),
  ];
}
