import { graphql } from '../graphql/graphql-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/**
 * Each kind of input has one rule, which names the field and answers one code on REST and GraphQL
 * alike: page sizes (`first`), elements of lists (named by index) and text that shows nothing.
 */

const PAGE_SIZE = { field: 'first', message: 'first must be an integer from 1 to 500' };
const openBody = { title: 'Attack on Villa Unión', category: 'battle', occurredAt: '2019-11-30T12:00:00-06:00', location: { country: 'MX', admin1: 'Coahuila' } };
const sourceBody = { name: 'El Siglo de Torreón', aliases: [], kind: 'media', scale: 'regional', reliability: 'B' };

describe('one rule per kind of input, on REST and GraphQL', () => {
  let db: TestDatabase;
  let t: TestApp;
  let writer: string;
  let reader: string;
  let incidentId: string;
  let actorId: string;
  let sourceId: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    t = await startTestApp(db.url);
    [writer, reader] = [t.bearer('reporter'), t.bearer(['analyst', 'auditor'])];
    incidentId = (await t.http.post('/incidents').set('Authorization', writer).send(openBody).expect(201)).body.incidentId;
    actorId = (await t.http.post('/actors').set('Authorization', writer).send({ name: 'Cártel del Noreste', actorType: 'political_militia' }).expect(201)).body.actorId;
    const source = (await t.http.post('/sources').set('Authorization', writer).send(sourceBody).expect(201)).body;
    sourceId = source.sourceId;
    await t.http.get(`/incidents?consistentWith=${source.position}`).set('Authorization', reader).expect(200);
  });
  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  /** Sends a write, expecting 400 `INPUT.INVALID` naming exactly `fields` (a field breaking several rules, once for each), and nothing appended. */
  async function refusedWrite(method: 'post' | 'patch', path: string, body: object, fields: string[]): Promise<void> {
    const before = await t.store.headPosition();
    const response = await t.http[method](path).set('Authorization', writer).send(body);
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body.code).toBe('INPUT.INVALID');
    expect([...new Set(response.body.errors.map((error: { field: string }) => error.field))]).toEqual(fields);
    expect(await t.store.headPosition()).toBe(before);
  }

  async function refusedOperation(query: string, variables: Record<string, unknown>, fields: string[]): Promise<{ field: string; message: string }[]> {
    const before = await t.store.headPosition();
    const { errors } = await graphql(t, t.bearer(['reporter', 'analyst', 'auditor']), query, variables);
    expect(errors?.[0].extensions).toMatchObject({ code: 'INPUT.INVALID', status: 400 });
    const named = errors![0].extensions.errors!;
    expect(named.map(({ field }) => field)).toEqual(fields);
    expect(await t.store.headPosition()).toBe(before);
    return named;
  }

  it('refuses a bad page size naming first and its range, in the same words on every paged REST route and GraphQL field', async () => {
    const routes = ['/incidents', '/actors', '/changes', `/incidents/${incidentId}/timeline`, `/incidents/${incidentId}/events`, `/incidents/${incidentId}/duplicate-candidates`];
    for (const path of routes) {
      for (const first of ['-1', '0', '501', '1.5', 'abc', '1e2', '050', '01', '00']) {
        const response = await t.http.get(`${path}?first=${first}`).set('Authorization', reader);
        expect({ path, first, status: response.status, body: response.body }).toMatchObject({ path, first, status: 400, body: { code: 'INPUT.INVALID', errors: [PAGE_SIZE] } });
      }
    }
    const operations = [
      'query($first: Int) { incidents(first: $first) { nextCursor } }',
      'query($first: Int) { actors(first: $first) { nextCursor } }',
      'query($first: Int, $id: ID!) { incidentHistory(id: $id, first: $first) { nextCursor } }',
      'query($first: Int, $id: ID!) { incident(id: $id) { timeline(first: $first) { nextCursor } } }',
      'query($first: Int, $id: ID!) { incident(id: $id) { duplicateCandidates(first: $first) { items { score } } } }',
    ];
    for (const query of operations) {
      for (const first of [-1, 0, 501]) {
        const { errors } = await graphql(t, reader, query, { first, id: incidentId });
        expect({ query, first, extensions: errors?.[0].extensions }).toMatchObject({ query, first, extensions: { code: 'INPUT.INVALID', status: 400, errors: [PAGE_SIZE] } });
      }
    }
  });

  it('names the element of a list it refuses by its index, on REST bodies and GraphQL inputs', async () => {
    const aliases = ['ok', '\ud800'];
    await refusedWrite('post', '/actors', { name: 'Los Zetas', actorType: 'political_militia', aliases }, ['aliases[1]']);
    await refusedWrite('post', '/actors', { name: 'Los Zetas', actorType: 'political_militia', aliases: ['ok', 'x'.repeat(101), 'y', 'a\u0000'] }, ['aliases[1]', 'aliases[3]']);
    await refusedWrite('post', '/sources', { ...sourceBody, name: 'Milenio', aliases }, ['aliases[1]']);
    await refusedWrite('patch', `/sources/${sourceId}`, { aliases: ['ok', 'ok too', 42] }, ['aliases[2]']);
    await refusedWrite('post', '/incidents', { ...openBody, tags: ['ok', 'x'.repeat(101)] }, ['tags[1]']);
    await refusedOperation(
      'mutation($aliases: [String!]) { registerActor(input: { name: "Los Zetas", actorType: POLITICAL_MILITIA, aliases: $aliases }) { actorId } }',
      { aliases },
      ['input.aliases[1]'],
    );
    await refusedOperation('mutation($id: ID!, $aliases: [String!]) { amendSource(sourceId: $id, input: { aliases: $aliases }) { sourceId } }', { id: sourceId, aliases }, ['input.aliases[1]']);
  });

  it('names each refused element in its own message, once', async () => {
    const response = await t.http.post('/actors').set('Authorization', writer).send({ name: 'Los Zetas', actorType: 'political_militia', aliases: ['ok', '', 'y', ' '] }).expect(400);
    expect(response.body.errors).toEqual([
      { field: 'aliases[1]', message: 'aliases[1] must not be empty, blank or invisible' },
      { field: 'aliases[3]', message: 'aliases[3] must not be empty, blank or invisible' },
    ]);
  });

  it('names a field the domain refuses by its argument path on GraphQL (input.aliases[1]), as validation does, and by its body path on REST', async () => {
    const repeated = { ...sourceBody, name: 'Vanguardia', aliases: ['La Vanguardia', 'LA  VANGUARDIA'] };
    const rest = await t.http.post('/sources').set('Authorization', writer).send(repeated).expect(400);
    expect(rest.body.errors).toEqual([expect.objectContaining({ field: 'aliases[1]' })]);
    const mutation = 'mutation($input: RegisterSourceInputType!) { registerSource(input: $input) { sourceId } }';
    const { errors } = await graphql(t, writer, mutation, { input: { ...repeated, kind: 'MEDIA', scale: 'REGIONAL' } });
    expect(errors?.[0].extensions).toMatchObject({ status: 400, errors: [{ field: 'input.aliases[1]' }] });
    const stale = await graphql(t, writer, 'mutation($id: ID!) { amendSource(sourceId: $id, expectedRevision: "7", input: { reliability: A }) { sourceId } }', { id: sourceId });
    expect(stale.errors?.[0].extensions).toMatchObject({ code: 'REVISION.STALE', errors: [{ field: 'expectedRevision' }] });
  });

  it('refuses text that shows nothing (empty, blank or invisible only) with INPUT.INVALID naming the field, on every text and transport', async () => {
    for (const blank of ['', '   ', ' \u200b\u00ad ', '\ufeff\t']) {
      await refusedWrite('post', '/actors', { name: blank, actorType: 'political_militia' }, ['name']);
      await refusedWrite('post', '/actors', { name: 'Los Zetas', actorType: 'political_militia', aliases: ['Z', blank] }, ['aliases[1]']);
      await refusedWrite('post', `/actors/${actorId}/aliases`, { alias: blank }, ['alias']);
      await refusedWrite('post', '/incidents', { ...openBody, title: blank }, ['title']);
      await refusedWrite('post', `/incidents/${incidentId}/close`, { reason: blank }, ['reason']);
      await refusedWrite('post', '/sources', { ...sourceBody, name: blank }, ['name']);
      await refusedWrite('patch', `/sources/${sourceId}`, { aliases: [blank] }, ['aliases[0]']);
      await refusedOperation('mutation($name: String!) { registerActor(input: { name: $name, actorType: RIOTERS }) { actorId } }', { name: blank }, ['input.name']);
      await refusedOperation('mutation($id: ID!, $alias: String!) { addActorAlias(actorId: $id, alias: $alias) { actorId } }', { id: actorId, alias: blank }, ['alias']);
    }
  });

  /** Every read taking a moment (asOf, a diff's ends, a window's bounds), REST and GraphQL, given `moment` for one of them: status, code and the refusal (`field: message`). */
  async function readsOfMoment(moment: string): Promise<{ read: string; status: number; code: string; errors: string[] }[]> {
    const query = encodeURIComponent(moment);
    const paths = [
      `/incidents/${incidentId}/tally?asOf=${query}`,
      `/incidents/${incidentId}/tally?occurredFrom=${query}`,
      `/tallies?asOf=${query}`,
      `/tallies?occurredTo=${query}`,
      `/exports/incidents.csv?asOf=${query}`,
      `/exports/incidents.geojson?asOf=${query}`,
      `/incidents/${incidentId}/tally/diff?from=${query}&to=1`,
      `/tallies/diff?from=1&to=${query}`,
    ];
    const operations = [
      'query($id: ID!, $at: String) { incident(id: $id) { tally(asOf: $at) { killed { total { best } } } } }',
      'query($id: ID!, $at: String) { incident(id: $id) { tally(occurredTo: $at) { killed { total { best } } } } }',
      'query($at: String) { tallies(groupBy: [COUNTRY], asOf: $at) { incidents } }',
      'query($id: ID!, $at: String!) { incident(id: $id) { tallyDiff(from: $at, to: "1") { from } } }',
      'query($at: String!) { talliesDiff(from: "1", to: $at) { from } }',
    ];
    const named = (errors: { field: string; message: string }[] | undefined) => (errors ?? []).map(({ field, message }) => `${field}: ${message}`);
    return [
      ...(await Promise.all(paths.map(async (read) => {
        const response = await t.http.get(read).set('Authorization', reader);
        return { read, status: response.status, code: response.body.code, errors: named(response.body.errors) };
      }))),
      ...(await Promise.all(operations.map(async (read) => {
        const { errors } = await graphql(t, reader, read, { id: incidentId, at: moment });
        const [error] = errors ?? [];
        return { read, status: error?.extensions.status as number, code: error?.extensions.code as string, errors: named(error?.extensions.errors) };
      }))),
    ];
  }

  it('refuses an empty or blank moment (asOf, a diff\'s ends, a window\'s bounds) naming it, on every read that takes one: none is read as the present', async () => {
    for (const blank of ['', '  ']) {
      for (const read of await readsOfMoment(blank)) expect(read).toEqual({ ...read, status: 400, code: 'INPUT.INVALID', errors: [expect.stringMatching(/^(asOf|occurredFrom|occurredTo|from|to): /)] });
    }
  });

  it('refuses an over-long moment in the words of a malformed one, on every read and transport', async () => {
    const [long, malformed] = await Promise.all([readsOfMoment(`2019-11-30T12:00:00Z${'0'.repeat(80)}`), readsOfMoment('2019-W48')]);
    const answers = (reads: typeof long) => reads.map(({ read: _read, ...answer }) => answer);
    expect(answers(long)).toEqual(answers(malformed));
    for (const read of long) expect(read).toEqual({ ...read, status: 400, code: 'INPUT.INVALID', errors: [expect.stringMatching(/^(asOf|occurredFrom|occurredTo|from|to): /)] });
  });

  it('names a nested field by its path in its message, and a value of the wrong type by that alone', async () => {
    const report = { occurredAt: '2019-11-30', source: { name: 'Milenio', kind: '' }, party: 'civilian', outcome: 'killed', count: 'abc', basis: 'incremental' };
    const refused = (await t.http.post(`/incidents/${incidentId}/casualties`).set('Authorization', writer).send(report).expect(400)).body.errors;
    expect(refused).toHaveLength(2);
    expect(refused).toEqual(
      expect.arrayContaining([
        { field: 'count', message: 'count must be an integer number' },
        { field: 'source.kind', message: expect.stringMatching(/^source\.kind must be one of/) },
      ]),
    );
    // Out of range, a count is told its range in the domain's words, whichever layer refuses it.
    const counts = await Promise.all([100_001, 0].map(async (count) => (await t.http.post(`/incidents/${incidentId}/casualties`).set('Authorization', writer).send({ ...report, source: { name: 'Milenio', kind: 'media' }, count }).expect(400)).body));
    expect(counts.map(({ errors }) => errors)).toEqual([[{ field: 'count', message: 'count must be an integer from 0 to 100000' }], [{ field: 'count', message: 'count must be an integer from 1 to 100000' }]]);
    expect((await t.http.get('/tallies?asOf=1&asOf=2').set('Authorization', reader).expect(400)).body.errors).toEqual([{ field: 'asOf', message: 'asOf takes one value; it was given more than once' }]);
    const aliases = (await t.http.post('/actors').set('Authorization', writer).send({ name: 'Los Zetas', actorType: 'political_militia', aliases: [null] }).expect(400)).body.errors;
    expect(aliases).toEqual([{ field: 'aliases[0]', message: 'aliases[0] must be a string' }]);
  });

  it('says a required field is missing, in a body, nested or in a query string, rather than what its value should be', async () => {
    const required = (field: string) => ({ field, message: `${field} is required` });
    const { title: _title, ...untitled } = openBody;
    await refusedWrite('post', '/incidents', untitled, ['title']);
    expect((await t.http.post('/incidents').set('Authorization', writer).send({ ...untitled, title: null })).body.errors).toEqual([required('title')]);
    const report = { occurredAt: '2019-11-30', source: { name: 'Milenio' }, party: 'civilian', outcome: 'killed', count: 2, basis: 'incremental' };
    expect((await t.http.post(`/incidents/${incidentId}/casualties`).set('Authorization', writer).send(report).expect(400)).body.errors).toEqual([required('source.kind')]);
    for (const [path, field] of [[`/incidents/${incidentId}/tally/diff?to=1`, 'from'], ['/tallies/diff?from=1&groupBy=COUNTRY', 'to']]) {
      const response = await t.http.get(path).set('Authorization', reader).expect(400).expect('Content-Type', /application\/problem\+json/);
      expect(response.body.errors).toEqual([required(field)]);
    }
    // GraphQL names a required argument left out as well, with graphql-js's words.
    const [missing] = await refusedOperation(`{ incident(id: "${incidentId}") { tallyDiff(to: "1") { from } } }`, {}, ['from']);
    expect(missing.message).toMatch(/argument "from" of type "String!" is required/);
  });
});
