import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { graphql } from './graphql-client.js';
import { COAHUILA, OPEN_INCIDENT, recordVillaUnion, REPORT_CASUALTIES, villaUnionIncident } from './villa-union.js';

const TALLY = /* GraphQL */ `{
  killed { total { best low high } byParty { party best low high sources { name figure } } }
  injured { total { best low high } byParty { party best low high sources { name figure } } }
  hostages { party taken released killed held }
  vehiclesSeized weaponsSeized arrests
}`;

const casualties = (overrides: object = {}) => ({
  occurredAt: '2019-11-30',
  source: COAHUILA,
  party: 'ARMED_GROUP',
  outcome: 'KILLED',
  count: 7,
  basis: 'INCREMENTAL',
  ...overrides,
});

describe('GraphQL API (docs/api.md)', () => {
  let database: TestDatabase;
  let t: TestApp;
  let reporter: string;
  let analyst: string;
  let auditor: string;
  let villaUnion: { incidentId: string; position: string };

  beforeAll(async () => {
    database = await createTestDatabase();
    t = await startTestApp(database.url);
    [reporter, analyst, auditor] = [t.bearer('reporter', 'alice'), t.bearer('analyst', 'ana'), t.bearer('auditor', 'audrey')];
    villaUnion = await recordVillaUnion(t, reporter);
  });
  afterAll(async () => {
    await t?.close();
    await database?.drop();
  });

  const open = async (overrides: object = {}): Promise<string> => (await graphql(t, reporter, OPEN_INCIDENT, { input: villaUnionIncident(overrides) })).data!.openIncident.incidentId;

  describe('worked example: through mutations', () => {
    it('shows 23 killed (best) with the per-party and per-source figures', async () => {
      const { data, errors } = await graphql(
        t,
        analyst,
        `query($id: ID!, $at: String) { incident(id: $id, consistentWith: $at) { id incidentId title category status revision location { country admin1 } tally ${TALLY} } }`,
        { id: villaUnion.incidentId, at: villaUnion.position },
      );
      expect(errors).toBeUndefined();
      const incident = data!.incident;
      expect(incident).toMatchObject({ id: villaUnion.incidentId, incidentId: villaUnion.incidentId, category: 'BATTLE', status: 'OPEN', revision: '13' });
      expect(incident.tally.killed).toEqual({
        total: { best: 23, low: 23, high: 30 },
        byParty: [
          {
            party: 'ARMED_GROUP',
            best: 14,
            low: 14,
            high: 21,
            sources: [
              { name: 'Coahuila state government', figure: 14 },
              { name: 'El Siglo de Torreón', figure: 21 },
            ],
          },
          { party: 'POLICE', best: 4, low: 4, high: 4, sources: [{ name: 'Coahuila state government', figure: 4 }] },
          { party: 'CIVILIAN', best: 2, low: 2, high: 2, sources: [{ name: 'Coahuila state government', figure: 2 }] },
          { party: 'UNKNOWN', best: 3, low: 3, high: 3, sources: [{ name: 'Coahuila state government', figure: 3 }] },
        ],
      });
      expect(incident.tally.injured.total).toEqual({ best: 6, low: 6, high: 6 });
      expect(incident.tally.hostages).toEqual([{ party: 'CIVILIAN', taken: 6, released: 0, killed: 2, held: 4 }]);
      expect(incident.tally).toMatchObject({ vehiclesSeized: 17, weaponsSeized: 0, arrests: 0 });
    });

    it('lists incidents with filters and cursor paging, timelines, and tallies grouped by party', async () => {
      const list = await graphql(t, analyst, `{ incidents(filter: { country: "MX", status: OPEN }, first: 1) { items { id tally { killed { total { best } } } } nextCursor } }`);
      expect(list.errors).toBeUndefined();
      expect(list.data!.incidents.items).toHaveLength(1);
      const protests = await graphql(t, analyst, `{ incidents(filter: { category: PROTEST }) { items { id } } }`);
      expect(protests.data!.incidents.items).toEqual([]);
      const timeline = await graphql(t, analyst, `query($id: ID!) { incident(id: $id) { timeline(first: 2) { items { type summary source { name kind } corrected retracted } nextCursor } } }`, {
        id: villaUnion.incidentId,
      });
      expect(timeline.data!.incident.timeline.items).toHaveLength(2);
      expect(timeline.data!.incident.timeline.items[0]).toMatchObject({ type: 'CasualtiesReported', source: { kind: 'GOVERNMENT' } });
      expect(timeline.data!.incident.timeline.nextCursor).toEqual(expect.any(String));
      const groups = await graphql(t, analyst, `{ tallies(filter: { admin1: "Coahuila" }, groupBy: [PARTY]) { key { party country } incidents killed { total { best } } } }`);
      expect(groups.errors).toBeUndefined();
      expect(groups.data!.tallies).toContainEqual({ key: { party: 'ARMED_GROUP', country: null }, incidents: expect.any(Number), killed: { total: { best: 14 } } });
    });

    it('answers Incident.tally(asOf:) from the history: before the restatement as totals, 17 killed (best)', async () => {
      const history = await graphql(t, auditor, `query($id: ID!) { incidentHistory(id: $id, first: 6) { items { eventId type data metadata revision position recordedAt } nextCursor } }`, {
        id: villaUnion.incidentId,
      });
      expect(history.errors).toBeUndefined();
      const items = history.data!.incidentHistory.items;
      expect(items[0]).toMatchObject({ type: 'IncidentOpened', revision: '0', metadata: { actor: 'alice' } });
      const beforeRestatement = items[4].position;
      const { data, errors } = await graphql(t, analyst, `query($id: ID!, $asOf: String) { incident(id: $id) { tally(asOf: $asOf) { killed { total { best } } } } }`, {
        id: villaUnion.incidentId,
        asOf: beforeRestatement,
      });
      expect(errors).toBeUndefined();
      // +7 gunmen, then the press's 21, +7 gunmen (Coahuila now 14, reported last), +3 unknown: 14 + 3.
      expect(data!.incident.tally.killed.total.best).toBe(17);
    });
  });

  describe('auth: 401 without a token, 403 with the wrong role', () => {
    const QUERY = `{ incidents { items { id } } }`;
    const MUTATION = `mutation { closeIncident(incidentId: "${randomUUID()}") { revision } }`;

    it.each([
      ['a query', QUERY],
      ['a mutation', MUTATION],
    ])('%s without a token is 401', async (_, query) => {
      const response = await graphql(t, undefined, query);
      expect(response.status).toBe(401);
      expect(response.errors![0].extensions).toMatchObject({ status: 401, code: 'UNAUTHORIZED' });
    });

    it('an invalid token is 401', async () => {
      const response = await graphql(t, 'Bearer not-a-jwt', QUERY);
      expect(response.status).toBe(401);
    });

    it.each([
      ['a reporter querying', 'reporter', QUERY],
      ['an analyst mutating', 'analyst', MUTATION],
      ['an analyst reading history', 'analyst', `{ incidentHistory(id: "${randomUUID()}") { items { eventId } } }`],
    ] as const)('%s is 403', async (_, role, query) => {
      const response = await graphql(t, t.bearer(role), query);
      expect(response.status).toBe(403);
      expect(response.errors![0].extensions).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    });

    it('admins may do everything', async () => {
      const response = await graphql(t, t.bearer('admin'), `query($id: ID!) { incidentHistory(id: $id, first: 1) { items { type } } }`, { id: villaUnion.incidentId });
      expect(response.errors).toBeUndefined();
    });
  });

  describe('bad input names the field', () => {
    const fieldsOf = (response: Awaited<ReturnType<typeof graphql>>) => response.errors!.flatMap((error) => error.extensions.errors ?? []).map((error) => error.field);

    it('values the input rules reject (class-validator, as on REST): 400 INPUT.INVALID per field', async () => {
      const incidentId = await open();
      const response = await graphql(t, reporter, REPORT_CASUALTIES, {
        incidentId,
        input: casualties({ count: 100_001, source: { name: '', kind: 'MEDIA' } }),
      });
      expect(response.errors![0].extensions).toMatchObject({ code: 'INPUT.INVALID', status: 400 });
      expect(fieldsOf(response)).toEqual(expect.arrayContaining(['input.count', 'input.source.name']));
    });

    const LITERAL = (input: string) =>
      `mutation($incidentId: ID!) { reportCasualties(incidentId: $incidentId, input: { occurredAt: "2019-11-30", source: { name: "x", kind: MEDIA }, ${input} }) { revision } }`;

    it.each([
      ['an enum value GraphQL does not know', LITERAL('party: ROBOTS, outcome: KILLED, count: 1, basis: INCREMENTAL'), {}, 'input.party'],
      ['a missing required field', LITERAL('party: POLICE, outcome: KILLED, basis: INCREMENTAL'), {}, 'input.count'],
      ['a variable of the wrong type', REPORT_CASUALTIES, { input: casualties({ count: 'seven' }) }, 'input.count'],
      ['a variable lacking a required field', REPORT_CASUALTIES, { input: casualties({ count: undefined }) }, 'input.count'],
      ['a variable inside a literal object', LITERAL('party: POLICE, outcome: KILLED, basis: INCREMENTAL, count: $count').replace('$incidentId: ID!', '$incidentId: ID!, $count: Int!'), { count: 1.5 }, 'input.count'],
      ['a country that is not ISO 3166-1', OPEN_INCIDENT, { input: villaUnionIncident({ location: { country: 'XX', admin1: 'Coahuila' } }) }, 'input.location.country'],
      ['an incident id that is not a UUID', REPORT_CASUALTIES, { incidentId: 'not-a-uuid', input: casualties() }, 'incidentId'],
      ['a malformed expectedRevision', REPORT_CASUALTIES, { expectedRevision: 'latest', input: casualties() }, 'expectedRevision'],
    ])('%s', async (_, query, variables, field) => {
      const response = await graphql(t, reporter, query, { incidentId: villaUnion.incidentId, ...variables });
      expect(response.errors![0].extensions).toMatchObject({ code: 'INPUT.INVALID', status: 400 });
      expect(fieldsOf(response)).toContain(field);
    });

    it('an object literal lacking two required fields: each error names its own', async () => {
      const response = await graphql(t, reporter, `mutation($id: ID!) { addTimelineNote(incidentId: $id, input: { text: "x" }) { revision } }`, { id: villaUnion.incidentId });
      const named = response.errors!.map((error) => [error.message.match(/"TimelineNoteInput\.(\w+)"/)?.[1], (error.extensions.errors ?? []).map((e: { field: string }) => e.field)]);
      expect(named).toEqual(expect.arrayContaining([['occurredAt', ['input.occurredAt']], ['source', ['input.source']]]));
    });

    it('a page over 500', async () => {
      const response = await graphql(t, analyst, `{ incidents(first: 501) { items { id } } }`);
      expect(response.errors![0].extensions).toMatchObject({ code: 'INPUT.INVALID', status: 400 });
      expect(fieldsOf(response)).toContain('first');
    });

    it('a domain rule: 422 with its code, nothing appended', async () => {
      const incidentId = await open();
      const response = await graphql(t, reporter, `mutation($id: ID!) { recordHostagesReleased(incidentId: $id, input: { occurredAt: "2019-12-01", source: { name: "x", kind: MEDIA }, party: CIVILIAN, count: 1, how: RESCUED }) { revision } }`, {
        id: incidentId,
      });
      expect(response.errors![0].extensions).toMatchObject({ code: 'HOSTAGES.RELEASE_EXCEEDS_HELD', status: 422 });
    });

    it('in an operation of several writes, one refused answers null with its error while the writes made show theirs', async () => {
      const incidentId = await open();
      const note = (alias: string, text: string) =>
        `${alias}: addTimelineNote(incidentId: $id, input: { occurredAt: "2019-11-30", source: { name: "x", kind: MEDIA }, text: ${JSON.stringify(text)} }) { revision }`;
      const response = await graphql(t, reporter, `mutation($id: ID!) { ${note('a', 'made')} ${note('b', '\u0301')} ${note('c', 'made too')} }`, { id: incidentId });
      expect(response.data).toEqual({ a: { revision: '1' }, b: null, c: { revision: '2' } });
      expect(response.errors).toMatchObject([{ path: ['b'], extensions: { code: 'INPUT.INVALID', status: 400 } }]);
    });

    it('an unknown incident: 404', async () => {
      const response = await graphql(t, analyst, `query($id: ID!) { incident(id: $id) { id } }`, { id: randomUUID() });
      expect(response.errors![0].extensions).toMatchObject({ code: 'INCIDENT.NOT_FOUND', status: 404 });
    });
  });

  describe('commandId and expectedRevision', () => {
    it('a repeated commandId returns the first result and appends nothing', async () => {
      const incidentId = await open();
      const first = await graphql(t, reporter, REPORT_CASUALTIES, { incidentId, input: casualties(), commandId: 'press-conference-1' });
      const again = await graphql(t, reporter, REPORT_CASUALTIES, { incidentId, input: casualties(), commandId: 'press-conference-1' });
      expect(again.data).toEqual(first.data);
      expect(first.data!.reportCasualties.revision).toBe('1');
    });

    it('a stale expectedRevision fails with REVISION.STALE (412)', async () => {
      const incidentId = await open();
      await graphql(t, reporter, REPORT_CASUALTIES, { incidentId, input: casualties() });
      const stale = await graphql(t, reporter, REPORT_CASUALTIES, { incidentId, input: casualties(), expectedRevision: '0' });
      expect(stale.errors![0].extensions).toMatchObject({ code: 'REVISION.STALE', status: 412 });
    });
  });

  describe('query limits', () => {
    const nested = (depth: number, leaf = 'name') => `{ __type(name: "Incident") { ${'fields { type { '.repeat(depth)}${leaf}${' } }'.repeat(depth)} } }`;

    it('accepts the standard introspection query from an authenticated caller, and none without a token', async () => {
      const { getIntrospectionQuery } = await import('graphql');
      const response = await graphql(t, analyst, getIntrospectionQuery());
      expect(response.errors).toBeUndefined();
      const anonymous = await graphql(t, undefined, getIntrospectionQuery());
      expect(anonymous.status).toBe(401);
      expect(anonymous.errors).toEqual([{ message: 'missing bearer token', extensions: { code: 'UNAUTHORIZED', status: 401 } }]);
      expect(anonymous.data).toBeUndefined();
    });

    it('prices what a field reads beyond what it returns: the schema for introspection, the incidents duplicate candidates are scored among, every incident for tallies', async () => {
      const tooComplex = async (query: string) => {
        const response = await graphql(t, analyst, query);
        expect(response.status).toBe(400);
        expect(response.errors![0].extensions).toMatchObject({ code: 'QUERY.TOO_COMPLEX', status: 400 });
      };
      const types = '{ types { name fields { name type { name fields { name } } } } }';
      const typeAliases = (count: number) => Array.from({ length: count }, (_, n) => `t${n}: __type(name: "Incident") { name }`).join(' ');
      expect((await graphql(t, analyst, `{ a: __schema ${types} ${typeAliases(10)} }`)).errors).toBeUndefined();
      await tooComplex(`{ a: __schema ${types} b: __schema ${types} c: __schema ${types} }`);
      await tooComplex(`{ ${typeAliases(31)} }`);
      // Each list of candidates reads up to 200 incidents, however few it keeps: 50 incidents' lists fit, 500 do not.
      const candidates = (first: number) => `{ incidents(first: ${first}) { items { id duplicateCandidates(first: 20) { items { score } } } } }`;
      expect((await graphql(t, analyst, candidates(50))).errors).toBeUndefined();
      await tooComplex(candidates(500));
      // tallies reads every matching incident's figure rows, now as at a past cut: an operation holds nine.
      const tallies = (count: number) => `{ ${Array.from({ length: count }, (_, n) => `t${n}: tallies(groupBy: [DAY]) { incidents }`).join(' ')} }`;
      expect((await graphql(t, analyst, tallies(9))).errors).toBeUndefined();
      await tooComplex(tallies(11));
      // As of a past moment by actor, the whole history up to the cut is folded: an operation holds two.
      const byActor = (count: number) => `{ ${Array.from({ length: count }, (_, n) => `t${n}: tallies(groupBy: [ACTOR], asOf: "${villaUnion.position}") { incidents }`).join(' ')} }`;
      expect((await graphql(t, analyst, byActor(2))).errors).toBeUndefined();
      await tooComplex(byActor(3));
      // A tally under another policy than the read model's is read as of now from the temporal read model, priced as an as-of read.
      const policies = (...names: string[]) => `{ incidents(first: 500) { items { ${names.map((name) => `${name}: tally(bestPolicy: ${name}) { killed { total { best } } }`).join(' ')} } } }`;
      expect((await graphql(t, analyst, policies('LATEST'))).errors).toBeUndefined();
      await tooComplex(policies('MEDIAN', 'MOST_RELIABLE'));
    });

    it('rejects a query nested too deep before running it, with a clear error', async () => {
      const response = await graphql(t, analyst, `{ incidents { items { ${'a { '.repeat(9)}b${' }'.repeat(9)} } } }`);
      expect(response.status).toBe(400);
      expect(response.errors).toContainEqual({ message: 'Query depth limit of 10 exceeded, found 12.', extensions: { code: 'QUERY.TOO_DEEP', status: 400 } });
      const introspection = await graphql(t, analyst, nested(4));
      expect(introspection.errors![0]).toMatchObject({ message: 'Maximum introspection depth exceeded', extensions: { code: 'QUERY.TOO_DEEP', status: 400 } });
    });

    it('rejects a query that may resolve too many fields before running it', async () => {
      const response = await graphql(t, analyst, `{ incidents(first: 500) { items { id timeline(first: 500) { items { summary } } } } }`);
      expect(response.status).toBe(400);
      expect(response.errors![0].message).toMatch(/complexity \d+ is over the limit of 30000/);
      expect(response.errors![0].extensions).toMatchObject({ code: 'QUERY.TOO_COMPLEX', status: 400 });
      // A diff's changes and their records are priced for the most it lists (10 casualty figures, each with its latest 100 records): a few diffs with them, not a hundred.
      const diff = (alias: number) => `d${alias}: tallyDiff(from: "0", to: "9223372036854775807") { casualties { party records { recordId change source position recordedAt actor } } }`;
      const diffs = (count: number) => `query($id: ID!, $at: String) { incident(id: $id, consistentWith: $at) { ${Array.from({ length: count }, (_, n) => diff(n)).join(' ')} } }`;
      const asked = { id: villaUnion.incidentId, at: villaUnion.position };
      const many = await graphql(t, analyst, diffs(100), asked);
      expect(many.status).toBe(400);
      expect(many.errors![0].extensions).toMatchObject({ code: 'QUERY.TOO_COMPLEX', status: 400 });
      const few = await graphql(t, analyst, diffs(4), asked);
      expect(few.errors).toBeUndefined();
      expect(few.data!.incident.d3.casualties.flatMap(({ records }: { records: object[] }) => records).length).toBeGreaterThan(0);
      // records(first: N) lists the latest N and is priced for N: a client asking fewer records fits more diffs.
      const latest = (first: number, count = 100) => diffs(count).replaceAll('records {', `records(first: ${first}) {`);
      expect((await graphql(t, analyst, latest(100), asked)).errors![0].extensions).toMatchObject({ code: 'QUERY.TOO_COMPLEX' });
      const one = await graphql(t, analyst, latest(1), asked);
      expect(one.errors).toBeUndefined();
      const lastOf = ({ records }: { records: object[] }) => records.slice(-1);
      expect(one.data!.incident.d99.casualties).toEqual(few.data!.incident.d3.casualties.map((change: { records: object[] }) => ({ ...change, records: lastOf(change) })));
      // 500 would be priced over the limit: a page size past the list's own most is refused as such, not priced.
      for (const first of [0, 101, 500]) {
        const refused = await graphql(t, analyst, latest(first, 1), asked);
        expect(refused.errors![0].extensions).toMatchObject({ code: 'INPUT.INVALID', errors: [{ field: 'first', message: 'first must be an integer from 1 to 100' }] });
      }
      // More fields than the estimator prices (here padded with a fragment of __typename aliases spread 11 times) is too complex, not unpriced.
      const padding = `fragment P on Query { ${Array.from({ length: 1000 }, (_, n) => `t${n}: __typename`).join(' ')} }`;
      const padded = await graphql(t, analyst, `query($id: ID!, $at: String) { incident(id: $id, consistentWith: $at) { ${diff(0)} ${diff(1)} } ${'...P '.repeat(11)} } ${padding}`, asked);
      expect(padded.status).toBe(400);
      expect(padded.errors![0].extensions).toMatchObject({ code: 'QUERY.TOO_COMPLEX', status: 400 });
      // Variables that do not fit are left to graphql-js's own 400 (estimating the cost must not turn them into a 500).
      const missing = await graphql(t, analyst, `query($id: ID!) { incident(id: $id) { id } }`);
      expect(missing.status).toBe(400);
      expect(missing.errors![0].extensions).toMatchObject({ code: 'INPUT.INVALID', status: 400 });
    });
  });
});
