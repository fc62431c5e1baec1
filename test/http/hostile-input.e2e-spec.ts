import type { Response } from 'supertest';
import { INCIDENTS_PROJECTION } from '../../src/incidents/read-models/incidents.projection.js';
import { ProjectionPositions } from '../../src/projections/projection-positions.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/** Issue 11's reported inputs: each is refused with a 400 naming its field (or served), never a 5xx, and nothing is appended. */

const cursor = (key: unknown) => Buffer.from(JSON.stringify(key)).toString('base64url');
const openBody = (overrides: object = {}) => ({
  title: 'Attack on Villa Unión',
  category: 'battle',
  occurredAt: '2019-11-30T12:00:00-06:00',
  location: { country: 'MX', admin1: 'Coahuila' },
  ...overrides,
});
const recordBody = { occurredAt: '2019-11-30', source: { name: 'Coahuila state government', kind: 'government' }, count: 2 };

describe('hostile input (issue 11)', () => {
  let db: TestDatabase;
  let t: TestApp;
  let reporter: string;
  let analyst: string;
  let auditor: string;
  let incidentId: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    t = await startTestApp(db.url);
    [reporter, analyst, auditor] = [t.bearer('reporter'), t.bearer('analyst'), t.bearer('auditor')];
    const opened = await t.http.post('/incidents').set('Authorization', reporter).send(openBody());
    expect(opened.status).toBe(201);
    incidentId = opened.body.incidentId;
  });
  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  const expectRefused = (response: Response, field: string, code = 'INPUT.INVALID') => {
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ status: 400, code });
    expect(response.body.errors.map((error: { field: string }) => error.field)).toContain(field);
  };

  /** Sends a write, expecting a 400 naming `field` and nothing appended. */
  async function refusedWrite(path: string, body: unknown, field: string): Promise<void> {
    const before = await t.store.headPosition();
    const response = await t.http.post(path).set('Authorization', reporter).set('Content-Type', 'application/json').send(typeof body === 'string' ? body : JSON.stringify(body));
    expectRefused(response, field);
    expect(await t.store.headPosition()).toBe(before);
  }

  it.each(['2019', '2019-11', '2019-W48-6', '2019-334', '2019-11-30T12:00:00+23:00', '2019-11-30T12:00:00+14:01', '2019-11-30T12:00:00', '20191130T120000Z', '0999-11-30', '2019-02-30', '2021-01-01T12:00:00.0005Z'])(
    'refuses occurredAt %s on every write that takes a time',
    async (occurredAt) => {
      await refusedWrite('/incidents', openBody({ occurredAt }), 'occurredAt');
      await refusedWrite(`/incidents/${incidentId}/arrests`, { ...recordBody, occurredAt }, 'occurredAt');
      await refusedWrite(`/incidents/${incidentId}/arrests`, { ...recordBody, source: { ...recordBody.source, publishedAt: occurredAt } }, 'source.publishedAt');
    },
  );

  it('accepts dates and date-times with offsets up to ±14:00, keeping them as given', async () => {
    for (const occurredAt of ['2019-11-30', '2019-11-30T12:00Z', '2019-11-30T12:00:00.123+14:00', '2019-11-30T12:00:00-12:00']) {
      const response = await t.http.post(`/incidents/${incidentId}/notes`).set('Authorization', reporter).send({ ...recordBody, count: undefined, text: 'note', occurredAt });
      expect(response.status).toBe(201);
    }
    const history = await t.http.get(`/incidents/${incidentId}/events?first=10`).set('Authorization', auditor);
    expect(history.body.items.slice(1).map((item: { data: { occurredAt: string } }) => item.data.occurredAt)).toEqual([
      '2019-11-30',
      '2019-11-30T12:00Z',
      '2019-11-30T12:00:00.123+14:00',
      '2019-11-30T12:00:00-12:00',
    ]);
  });

  it('counts a text limit in characters as PostgreSQL does, variation selectors included, on every text field and list', async () => {
    const heart = '\u2764\ufe0f'; // "❤️": two code points
    await refusedWrite('/incidents', openBody({ title: heart.repeat(151) }), 'title');
    await refusedWrite('/incidents', openBody({ tags: ['ok', heart.repeat(51)] }), 'tags[1]');
    await refusedWrite('/incidents', openBody({ location: { country: 'MX', admin1: heart.repeat(101) } }), 'location.admin1');
    await refusedWrite(`/incidents/${incidentId}/arrests`, { ...recordBody, source: { ...recordBody.source, name: heart.repeat(101) } }, 'source.name');
    await refusedWrite('/actors', { name: 'Cártel', actorType: 'political_militia', aliases: [heart.repeat(51)] }, 'aliases[0]');
    const title = heart.repeat(150);
    const opened = await t.http.post('/incidents').set('Authorization', reporter).send(openBody({ title })).expect(201);
    const read = await t.http.get(`/incidents/${opened.body.incidentId}?consistentWith=${opened.body.position}`).set('Authorization', analyst).expect(200);
    expect(read.body.title).toBe(title);
  });

  it('refuses NUL and unpaired surrogates in every text field, tags and unknown properties included', async () => {
    await refusedWrite('/incidents', openBody({ tags: ['a\u0000b'] }), 'tags[0]');
    await refusedWrite('/incidents', openBody({ tags: ['ok', '\ud800'] }), 'tags[1]');
    await refusedWrite('/incidents', openBody({ title: 'x\udc00y' }), 'title');
    await refusedWrite('/incidents', openBody({ location: { country: 'MX', admin1: '\ud83d' } }), 'location.admin1');
    await refusedWrite(`/incidents/${incidentId}/notes`, { ...recordBody, text: 'a\u0000' }, 'text');
    await refusedWrite(`/incidents/${incidentId}/close`, { reason: '\ud800' }, 'reason');
    // Raw JSON: the escapes reach the parser as lone surrogates, in a value and in a key the DTO does not know.
    const raw = (member: string) => `${JSON.stringify(openBody()).slice(0, -1)},${member}}`;
    await refusedWrite('/incidents', raw('"extra":"\\ud800"'), 'extra');
    await refusedWrite('/incidents', raw('"\\udfff":1'), '\udfff');
  });

  it('normalises upper-case ids to one stream, on paths and in bodies alike', async () => {
    const id = '0B0F6A1E-5D8C-4C1E-9A7E-2F1D3C4B5A69';
    const opened = await t.http.post('/incidents').set('Authorization', reporter).send(openBody({ incidentId: id }));
    expect(opened.status).toBe(201);
    expect(opened.body.incidentId).toBe(id.toLowerCase());
    const recorded = await t.http.post(`/incidents/${id}/arrests`).set('Authorization', reporter).send({ ...recordBody, recordId: 'AAAAAAAA-0000-4000-8000-000000000001' });
    expect(recorded.status).toBe(201);
    expect(recorded.body).toMatchObject({ incidentId: id.toLowerCase(), recordId: 'aaaaaaaa-0000-4000-8000-000000000001', revision: '1' });
    const retracted = await t.http
      .post(`/incidents/${id.toLowerCase()}/records/AAAAAAAA-0000-4000-8000-000000000001/retraction`)
      .set('Authorization', reporter)
      .send({ reason: 'duplicate' });
    expect(retracted.body).toMatchObject({ revision: '2' });
    await t.app.get(ProjectionPositions).waitFor(INCIDENTS_PROJECTION, BigInt(retracted.body.position), 5_000);
    const read = await t.http.get(`/incidents/${id}`).set('Authorization', analyst);
    expect(read.body).toMatchObject({ id: id.toLowerCase() });
    const graphql = await t.http.post('/graphql').set('Authorization', analyst).send({ query: `{ incident(id: "${id}") { id } }` });
    expect(graphql.body).toEqual({ data: { incident: { id: id.toLowerCase() } } });
    const verified = await t.http.get('/audit/verify').set('Authorization', auditor);
    expect(verified.body).toMatchObject({ ok: true });
  });

  it('names a query parameter given twice where it takes one value as repeated, on every read; a list parameter takes repeats', async () => {
    for (const [path, role] of [['/incidents?country=MX&country=CO', analyst], ['/tallies?status=open&status=closed', analyst], [`/incidents/${incidentId}/timeline?first=1&first=2`, analyst], ['/changes?after=0&after=1', analyst], [`/incidents/${incidentId}/events?first=1&first=2`, auditor]] as const) {
      const response = await t.http.get(path).set('Authorization', role);
      expectRefused(response, new URL(path, 'http://x').searchParams.keys().next().value!);
      expect(response.body.errors[0].message).toMatch(/ takes one value; it was given more than once$/);
    }
    expect((await t.http.get('/tallies?groupBy=COUNTRY&groupBy=MONTH').set('Authorization', analyst)).status).toBe(200);
  });

  it('refuses malformed ids with a 400 naming the field', async () => {
    await refusedWrite('/incidents/not-a-uuid/arrests', recordBody, 'id');
    await refusedWrite('/incidents', openBody({ incidentId: '\ud800' }), 'incidentId');
    expectRefused(await t.http.get('/incidents/0b0f6a1e-5d8c-4c1e-9a7e-2f1d3c4b5a6%00').set('Authorization', analyst), 'id');
  });

  it('refuses crafted cursors with CURSOR.INVALID naming after, on every paged read', async () => {
    const crafted = [
      'not base64 ✓',
      cursor(['2019', '0b0f6a1e-5d8c-4c1e-9a7e-2f1d3c4b5a69']),
      cursor(['2019-11-30T12:00:00.000Z', '------------------------------------']),
      cursor(['+275760-09-13T00:00:00.000Z', '0b0f6a1e-5d8c-4c1e-9a7e-2f1d3c4b5a69']),
      cursor(['2019-11-30T12:00:00.000Z', 2 ** 40]),
      cursor(['9223372036854775807']),
      cursor(['99999999999999999999']),
    ];
    for (const after of crafted) {
      for (const path of ['/incidents', `/incidents/${incidentId}/timeline`]) {
        expectRefused(await t.http.get(path).query({ after }).set('Authorization', analyst), 'after', 'CURSOR.INVALID');
      }
      expectRefused(await t.http.get(`/incidents/${incidentId}/events`).query({ after }).set('Authorization', auditor), 'after', 'CURSOR.INVALID');
      for (const field of ['incidents(after: $after)', `incidentHistory(id: "${incidentId}", after: $after)`]) {
        const graphql = await t.http
          .post('/graphql')
          .set('Authorization', t.bearer('admin'))
          .send({ query: `query($after: String) { ${field} { nextCursor } }`, variables: { after } });
        expect(graphql.body.errors[0].extensions).toMatchObject({ code: 'CURSOR.INVALID', errors: [{ field: 'after' }] });
      }
    }
  });

  it.each(['\u2800', '\ufff9\ufffa\ufffb', '\u3164 \u115f\u1160\uffa0', '\u200b\ufe0f\u{e0041}', '\u0085\u0007', '\ufffc', '\u0301', '\u00ad\u0301 \u20dd'])('refuses text of characters that render nothing (%j) wherever text is required, on REST and GraphQL', async (blank) => {
    await refusedWrite('/incidents', openBody({ title: blank }), 'title');
    await refusedWrite('/incidents', openBody({ location: { country: 'MX', admin1: blank } }), 'location.admin1');
    await refusedWrite(`/incidents/${incidentId}/arrests`, { ...recordBody, source: { ...recordBody.source, name: blank } }, 'source.name');
    await refusedWrite('/sources', { name: blank, aliases: [], kind: 'media' }, 'name');
    await refusedWrite('/actors', { name: blank, aliases: [], actorType: 'rebel_group' }, 'name');
    const graphql = await t.http.post('/graphql').set('Authorization', reporter).send({
      query: 'mutation($input: OpenIncidentInput!) { openIncident(input: $input) { incidentId } }',
      variables: { input: { title: blank, category: 'BATTLE', occurredAt: '2019-11-30', location: { country: 'MX', admin1: 'Coahuila' } } },
    });
    expect(graphql.body.errors[0].extensions).toMatchObject({ code: 'INPUT.INVALID', errors: [{ field: 'input.title' }] });
  });

  it('refuses times and positions in query strings and GraphQL arguments that no layer can hold', async () => {
    expectRefused(await t.http.get('/incidents?occurredFrom=2019').set('Authorization', analyst), 'occurredFrom');
    expectRefused(await t.http.get('/incidents?occurredTo=2019-11-30T00:00:00%2B23:00').set('Authorization', analyst), 'occurredTo');
    expectRefused(await t.http.get(`/incidents/${incidentId}/tally?occurredFrom=2019`).set('Authorization', analyst), 'occurredFrom');
    // A window that ends before it starts could match nothing: refused wherever windows are read, naming its end.
    for (const window of ['occurredFrom=2019-12-01&occurredTo=2019-11-30', 'occurredFrom=2019-12-01T00:00:00Z&occurredTo=2019-11-30T23:59:59Z']) {
      expectRefused(await t.http.get(`/incidents?${window}`).set('Authorization', analyst), 'occurredTo');
      expectRefused(await t.http.get(`/tallies?${window}`).set('Authorization', analyst), 'occurredTo');
      expectRefused(await t.http.get(`/incidents/${incidentId}/tally?${window}`).set('Authorization', analyst), 'occurredTo');
    }
    for (const query of ['{ incidents(filter: { occurredFrom: "2019-12-01", occurredTo: "2019-11-30" }) { nextCursor } }', '{ tallies(filter: { occurredFrom: "2019-12-01", occurredTo: "2019-11-30" }) { incidents } }']) {
      const inverted = await t.http.post('/graphql').set('Authorization', analyst).send({ query });
      expect(inverted.body.errors[0].extensions).toMatchObject({ code: 'INPUT.INVALID', errors: [{ field: 'filter.occurredTo', message: 'filter.occurredTo must not be before occurredFrom' }] });
    }
    // Not empty, so taken: one local day given as a date and as a time of it; a date (the whole local day, in any offset) and an instant after its start at +14:00.
    await t.http.get('/incidents?occurredFrom=2019-11-30T20:00:00-06:00&occurredTo=2019-11-30').set('Authorization', analyst).expect(200);
    await t.http.get('/tallies?occurredFrom=2019-12-01&occurredTo=2019-11-30T23:00:00-12:00').set('Authorization', analyst).expect(200);
    expectRefused(await t.http.get(`/incidents/${incidentId}/tally?asOf=9223372036854775808`).set('Authorization', analyst), 'asOf');
    expectRefused(await t.http.get(`/incidents/${incidentId}/tally?asOf=2019-W48`).set('Authorization', analyst), 'asOf');
    expectRefused(await t.http.get('/incidents?consistentWith=99999999999999999999').set('Authorization', analyst), 'consistentWith');
    const refusal = await t.http
      .post('/graphql')
      .set('Authorization', analyst)
      .send({ query: '{ incidents(filter: { occurredFrom: "2019" }) { nextCursor } }' });
    expect(refusal.body.errors[0].extensions).toMatchObject({ code: 'INPUT.INVALID', errors: [{ field: 'filter.occurredFrom' }] });
    const asOf = await t.http.post('/graphql').set('Authorization', analyst).send({ query: '{ tallies(asOf: "18446744073709551616") { incidents } }' });
    expect(asOf.body.errors[0].extensions).toMatchObject({ code: 'INPUT.INVALID', errors: [{ field: 'asOf' }] });
  });

  it('refuses a position spelled with leading zeros wherever a position is taken, saying so, on REST and GraphQL alike', async () => {
    const noLeadingZeros = 'whole number from 0 to 9223372036854775807 in decimal digits without leading zeros';
    for (const [path, field] of [
      ['/changes?after=01', 'after'],
      [`/incidents/${incidentId}/tally?asOf=01`, 'asOf'],
      ['/tallies/diff?from=007&to=1', 'from'],
      ['/incidents?consistentWith=01', 'consistentWith'],
    ]) {
      const response = await t.http.get(path).set('Authorization', analyst);
      expectRefused(response, field);
      expect(JSON.stringify(response.body.errors)).toContain(noLeadingZeros);
    }
    for (const query of ['{ tallies(asOf: "01") { incidents } }', '{ incidents(consistentWith: "01") { nextCursor } }']) {
      const graphql = await t.http.post('/graphql').set('Authorization', analyst).send({ query });
      const field = /\((\w+):/.exec(query)![1];
      expect(graphql.body.errors[0].extensions).toMatchObject({ code: 'INPUT.INVALID', errors: [{ field, message: expect.stringContaining(noLeadingZeros) }] });
    }
  });

  it('answers an Idempotency-Key retry whose path spells the incident id in the other case with the first answer', async () => {
    const id = '1C2D3E4F-5A6B-4C7D-8E9F-0A1B2C3D4E5F';
    await t.http.post('/incidents').set('Authorization', reporter).send(openBody({ incidentId: id.toLowerCase() })).expect(201);
    const note = { text: 'Convoy seen', occurredAt: '2019-11-30', source: recordBody.source };
    const first = await t.http.post(`/incidents/${id}/notes`).set('Authorization', reporter).set('Idempotency-Key', 'note-once').send(note);
    expect(first.status).toBe(201);
    const retry = await t.http.post(`/incidents/${id.toLowerCase()}/notes`).set('Authorization', reporter).set('Idempotency-Key', 'note-once').send(note);
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
  });

  it('takes a bare-date occurredTo as its whole day on lists, as as-of folds do', async () => {
    const listed = await t.http.get('/incidents?occurredFrom=2019-11-30&occurredTo=2019-11-30&first=500').set('Authorization', analyst).expect(200);
    expect(listed.body.items.map((item: { id: string }) => item.id)).toContain(incidentId);
    const graphql = await t.http.post('/graphql').set('Authorization', analyst).send({ query: '{ tallies(filter: { occurredFrom: "2019-11-30", occurredTo: "2019-11-30" }) { incidents } }' });
    expect(graphql.body.data.tallies[0].incidents).toBeGreaterThan(0);
  });

  it('refuses any query parameter on a route that takes none (GET /audit/verify)', async () => {
    for (const query of ['bogus=1', 'consistentWith=9223372036854775807']) expectRefused(await t.http.get(`/audit/verify?${query}`).set('Authorization', auditor), query.split('=')[0]);
    expect((await t.http.get('/audit/verify').set('Authorization', auditor)).status).toBe(200);
  });

  it('refuses a body that is not valid UTF-8 instead of storing U+FFFD in place of its bytes', async () => {
    const before = await t.store.headPosition();
    const body = Buffer.concat([Buffer.from('{"title":"'), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('","category":"battle","occurredAt":"2019-11-30","location":{"country":"MX","admin1":"C"}}')]);
    const response = await t.http.post('/incidents').set('Authorization', reporter).set('Content-Type', 'application/json').serialize((raw: Buffer) => raw as unknown as string) /* the bytes as they are */.send(body);
    expect(response.status).toBe(400);
    expect(response.body.detail).toContain('UTF-8');
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(await t.store.headPosition()).toBe(before);
  });

  it.each(['null', '0', 'false', '""', '"query"', '[]', '[{"query":"{ __typename }"}]'])('refuses a JSON body %s that is not an object, on REST and GraphQL alike (400, never 5xx)', async (raw) => {
    const before = await t.store.headPosition();
    for (const path of ['/incidents', `/incidents/${incidentId}/arrests`, '/graphql']) {
      const response = await t.http.post(path).set('Authorization', reporter).set('Content-Type', 'application/json').send(raw);
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body.detail).toBe('The request body must be a JSON object');
    }
    expect(await t.store.headPosition()).toBe(before);
  });

  it('takes a JSON null as an absent field, so no null reaches the events or stalls the read model', async () => {
    const write = (method: 'post' | 'patch', path: string, body: object) => t.http[method](path).set('Authorization', reporter).send(body);
    const opened = await write('post', '/incidents', openBody({ description: null, tags: null, location: { country: 'MX', admin1: 'Coahuila', admin2: null, place: null, lat: null, lon: null } }));
    expect(opened.status).toBe(201);
    const id = opened.body.incidentId;
    const amended = await write('patch', `/incidents/${id}`, { tags: null, description: null, title: 'Attack on Villa Unión (amended)' });
    expect(amended.status).toBe(201);
    const recorded = await write('post', `/incidents/${id}/arrests`, { ...recordBody, note: null, recordId: null, datePrecision: null, source: { ...recordBody.source, url: null, publishedAt: null } });
    expect(recorded.status).toBe(201);
    const events = await t.http.get(`/incidents/${id}/events`).set('Authorization', auditor).expect(200);
    expect(JSON.stringify(events.body.items.map((item: { data: unknown }) => item.data))).not.toContain('null');
    const read = await t.http.get(`/incidents/${id}?consistentWith=${recorded.body.position}`).set('Authorization', analyst);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ title: 'Attack on Villa Unión (amended)', tags: [], location: { admin2: '' } });
    await refusedWrite(`/incidents/${id}/arrests`, { ...recordBody, count: null }, 'count');
    await refusedWrite('/incidents', openBody({ tags: [null] }), 'tags[0]');
  });

  it.each([['lat', '+45.5'], ['lon', '-100.10'], ['lat', 91], ['lon', -180.5], ['lat', true]])('refuses a coordinate %s of %p: a JSON number in range only', async (axis, value) => {
    await refusedWrite('/incidents', openBody({ location: { country: 'MX', admin1: 'Coahuila', lat: 28.2, lon: -100.7, [axis]: value } }), `location.${axis}`);
  });

  it.each([['lat', { lat: 10 }], ['lon', { lon: 10 }], ['lat', { lat: 10, lon: null }]])('refuses half a coordinate pair (%s given alone)', async (axis, coordinates) => {
    await refusedWrite('/incidents', openBody({ location: { country: 'MX', admin1: 'Coahuila', ...coordinates } }), `location.${axis}`);
    const graphql = await t.http.post('/graphql').set('Authorization', reporter).send({
      query: 'mutation($input: OpenIncidentInput!) { openIncident(input: $input) { incidentId } }',
      variables: { input: { title: 't', category: 'BATTLE', occurredAt: '2019-11-30', location: { country: 'MX', admin1: 'C', ...coordinates } } },
    });
    expect(graphql.body.errors[0].extensions).toMatchObject({ code: 'INPUT.INVALID' });
  });

  it('refuses a body nested deeper than 32 levels at its 33rd level (400 naming it, with or without a token), whatever walks it after', async () => {
    const nested = (depth: number, inner: string) => `{"title":"t","category":"battle","occurredAt":"2019-11-30","location":{"country":"MX","admin1":"C"},"tags":${'['.repeat(depth)}${inner}${']'.repeat(depth)}}`;
    const deep = (await t.http.post('/incidents').set('Authorization', reporter).set('Content-Type', 'application/json').send(nested(3_000, '"x"')).expect(400)).body;
    expect(deep.errors).toEqual([{ field: `tags${'[0]'.repeat(31)}`, message: expect.stringContaining('nested deeper than 32 levels') }]);
    await t.http.post('/sources').set('Content-Type', 'application/json').send(`${'{"a":'.repeat(2_000)}1${'}'.repeat(2_000)}`).expect(400);
    // Within the limit, the shape is the validation's to judge.
    await refusedWrite('/incidents', nested(31, '"x"'), 'tags[0]');
  });

  it.each(['__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString', 'valueOf', '__defineGetter__'])('refuses a key named %s (object machinery) as unknown, in bodies at any depth and in query strings', async (key) => {
    await refusedWrite('/incidents', `{"title":"t","category":"battle","occurredAt":"2019-11-30","location":{"country":"MX","admin1":"C"},"${key}":"x"}`, key);
    await refusedWrite('/incidents', `{"title":"t","category":"battle","occurredAt":"2019-11-30","location":{"country":"MX","admin1":"C","${key}":{}}}`, `location.${key}`);
    await refusedWrite(`/incidents/${incidentId}/arrests`, { ...recordBody, source: JSON.parse(`{"name":"El Siglo","${key}":1}`) }, `source.${key}`);
    for (const path of ['/incidents', '/tallies', '/changes', '/exports/incidents.csv', '/actors', '/sources']) expectRefused(await t.http.get(`${path}?${key}=1`).set('Authorization', analyst), key);
    expectRefused(await t.http.get(`/audit/verify?${key}=1`).set('Authorization', auditor), key);
  });

  it('refuses a body whose object holds a name twice, naming it, in REST and GraphQL bodies alike (parsers disagree on which copy counts)', async () => {
    await refusedWrite(`/incidents/${incidentId}/arrests`, `{"occurredAt":"2019-11-30","source":{"name":"El Siglo","kind":"media"},"count":2,"count":200}`, 'count');
    await refusedWrite(`/incidents/${incidentId}/arrests`, `{"occurredAt":"2019-11-30","source":{"name":"El Siglo","kind":"media","\\u006eame":"Other"},"count":2}`, 'source.name');
    await refusedWrite('/incidents', `{"title":"t","category":"battle","occurredAt":"2019-11-30","location":{"country":"MX","admin1":"C"},"tags":["a",{"x":1,"x":1}]}`, 'tags[1].x');
    const before = await t.store.headPosition();
    const graphql = await t.http.post('/graphql').set('Authorization', reporter).set('Content-Type', 'application/json').send(
      `{"query":"mutation($id: ID!, $input: ArrestsInput!) { recordArrests(incidentId: $id, input: $input) { position } }","variables":{"id":"${incidentId}","input":{"occurredAt":"2019-11-30","source":{"name":"El Siglo","kind":"MEDIA"},"count":2,"count":200}}}`,
    );
    expectRefused(graphql, 'variables.input.count');
    expect(await t.store.headPosition()).toBe(before);
    // Over GET, the JSON parameters are read as a body is; one that is not JSON is Apollo's to refuse.
    const read = (variables: string) => t.http.get('/graphql').query({ query: 'query($id: ID!) { incident(id: $id) { title } }', variables }).set('Authorization', analyst).set('apollo-require-preflight', '1');
    expectRefused(await read(`{"id":"${incidentId}","id":"${incidentId}"}`), 'variables.id');
    expect((await read(`{"id":"${incidentId}"}`)).body.data.incident.title).toBe(openBody().title);
    expect((await read('{"id":')).status).toBe(400);
  });

  it('lists at most 20 faults of input holding thousands, in REST bodies and GraphQL variables alike, saying there are more', async () => {
    const before = await t.store.headPosition();
    const rest = await t.http.post('/incidents').set('Authorization', reporter).send(openBody({ tags: Array.from({ length: 3_000 }, () => 1) }));
    expectRefused(rest, 'tags[0]');
    expect(rest.body.errors).toHaveLength(20);
    expect(rest.body.detail).toMatch(/and more \(the first 20 are listed\)$/);
    const unknown = Object.fromEntries(Array.from({ length: 90 }, (_, i) => [`u${i}`, 1]));
    const open = 'mutation($l: LocationInput!, $t: [String!]) { openIncident(input: { title: "t", category: BATTLE, occurredAt: "2019-11-30", location: $l, tags: $t }) { incidentId } }';
    for (const variables of [{ l: { country: 'MX', admin1: 'C', ...unknown } }, { l: { country: 'MX', admin1: 'C' }, t: Array.from({ length: 10_000 }, () => 1) }]) {
      const graphql = await t.http.post('/graphql').set('Authorization', reporter).send({ query: open, variables });
      expect(graphql.status).toBe(400);
      expect(graphql.body.errors[0].extensions.errors).toHaveLength(20);
      expect(graphql.body.errors[0].message).toMatch(/and more \(the first 20 are listed\)$/);
      expect(JSON.stringify(graphql.body).length).toBeLessThan(10_000);
    }
    // A document's own faults: validation stops at 20, graphql-js saying so in one more.
    const unknownFields = await t.http.post('/graphql').set('Authorization', analyst).send({ query: `{ ${Array.from({ length: 300 }, (_, i) => `n${i}`).join(' ')} }` });
    expect(unknownFields.status).toBe(400);
    expect(unknownFields.body.errors).toHaveLength(21);
    expect(unknownFields.body.errors[20].message).toMatch(/Too many validation errors/);
    expect(await t.store.headPosition()).toBe(before);
  });

  it('refuses a query parameter that is not percent-encoded UTF-8, naming it, on every read (a body that is not UTF-8 is refused too)', async () => {
    for (const [query, field] of [['admin1=%FF', 'admin1'], ['admin1=%ED%A0%80', 'admin1'], ['country=MX&admin1=%', 'admin1'], ['%FF=1', '%FF']]) {
      for (const path of ['/incidents', '/tallies', '/exports/incidents.csv']) expectRefused(await t.http.get(`${path}?${query}`).set('Authorization', analyst), field);
    }
    expect((await t.http.get('/incidents?admin1=Coahuila%20%C3%B1').set('Authorization', analyst)).status).toBe(200);
  });

  it('refuses an object holding more members than any input has, naming the first past 100, before mapping it (REST, GraphQL, query strings)', async () => {
    const wide = Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`u${i}`, 1]));
    await refusedWrite('/incidents', openBody({ location: { country: 'MX', admin1: 'C', ...wide } }), 'location.u98');
    const graphql = await t.http.post('/graphql').set('Authorization', reporter).send({ query: 'mutation($l: LocationInput!) { openIncident(input: { title: "t", category: BATTLE, occurredAt: "2019-11-30", location: $l }) { incidentId } }', variables: { l: wide } });
    expectRefused(graphql, 'variables.l.u100');
    expectRefused(await t.http.get(`/incidents?${Array.from({ length: 101 }, (_, i) => `f[u${i}]=1`).join('&')}`).set('Authorization', analyst), 'f[u100]');
    const get = await t.http.get('/graphql').query({ query: '{ __typename }', variables: JSON.stringify({ l: Object.fromEntries(Object.entries(wide).slice(0, 101)) }) }).set('Authorization', analyst).set('apollo-require-preflight', '1');
    expectRefused(get, 'variables.l.u100');
  });

  it('answers GraphQL operations HTTP cannot run with a 400: an operationName no operation has, a subscription', async () => {
    const cases: [object, string][] = [
      [{ query: '{ __typename }', operationName: 'X' }, 'OPERATION_RESOLUTION_FAILURE'],
      [{ query: 'query A { __typename }', operationName: 'B' }, 'OPERATION_RESOLUTION_FAILURE'],
      [{ query: 'subscription { incidentChanges { position } }' }, 'QUERY.SUBSCRIPTION_OVER_HTTP'],
      [{ query: `subscription S { tallyUpdated(incidentId: "${incidentId}") { killed { total { best } } } }`, operationName: 'S' }, 'QUERY.SUBSCRIPTION_OVER_HTTP'],
    ];
    for (const [body, code] of cases) {
      const { status, body: answer } = await t.http.post('/graphql').set('Authorization', analyst).send(body);
      expect({ status, code: answer.errors?.[0].extensions.code }).toEqual({ status: 400, code });
    }
    // Over GET (Apollo's refusal of an operation GET cannot run: 405), the body says the status it is sent with.
    for (const query of ['subscription { incidentChanges { position } }', `mutation { closeIncident(incidentId: "${incidentId}") { position } }`]) {
      const { status, body: answer } = await t.http.get('/graphql').query({ query }).set('Authorization', analyst).set('apollo-require-preflight', '1');
      expect({ status, extensionsStatus: answer.errors?.[0].extensions.status }).toEqual({ status: 405, extensionsStatus: 405 });
    }
  });
});
