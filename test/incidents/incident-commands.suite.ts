import type { EventStoreUnderTest } from '../support/event-stores.js';
import { randomUUID } from 'node:crypto';
import { incidentStream } from '../../src/event-store/stream-names.js';
import type { RecordedEvent } from '../../src/event-store/event-store.port.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { graphql } from '../graphql/graphql-client.js';

const source = { name: 'Coahuila state government', kind: 'government' };
export const incidentBody = (overrides: object = {}) => ({
  title: 'Attack on Villa Unión',
  category: 'battle',
  occurredAt: '2019-11-30T12:00:00-06:00',
  location: { country: 'MX', admin1: 'Coahuila', admin2: 'Villa Unión', place: 'Municipal building' },
  ...overrides,
});
export const casualtiesBody = (overrides: object = {}) => ({
  occurredAt: '2019-11-30',
  datePrecision: 'day',
  source,
  party: 'armed_group',
  outcome: 'killed',
  count: 7,
  basis: 'incremental',
  ...overrides,
});
const record = (overrides: object = {}) => ({ occurredAt: '2019-11-30T13:00:00Z', source, ...overrides });

/**
 * The command side through HTTP (docs/api.md writes): every path, every error class, idempotency and concurrency.
 * Runs against whichever event store `eventStore()` gives (PostgreSQL by default, EventStoreDB over gRPC in
 * the EventStoreDB suite).
 */
export function describeIncidentCommands(name: string, eventStore: () => Promise<EventStoreUnderTest>) {
  describe(`incident commands over REST (${name})`, () => {
    let database: TestDatabase;
    let storeHandle: EventStoreUnderTest;
    let t: TestApp;
    let reporter: string;

    beforeAll(async () => {
      [database, storeHandle] = await Promise.all([createTestDatabase(), eventStore()]);
      t = await startTestApp(database.url, storeHandle.connectionString);
      reporter = t.bearer('reporter', 'alice');
    });
    afterAll(async () => {
      await t?.close();
      await storeHandle?.dispose();
      await database?.drop();
    });

    const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
      t.http.post(path).set('Authorization', reporter).set(headers).send(body as object);
    const open = async (overrides: object = {}) => {
      const response = await post('/incidents', incidentBody(overrides)).expect(201);
      return response.body.incidentId as string;
    };
    const history = async (incidentId: string): Promise<RecordedEvent[]> =>
      t.store.readStream(incidentStream(incidentId)).catch(() => []);

    describe('every command path', () => {
      it('opens an incident and answers 201 with incidentId, revision and position as decimal strings', async () => {
        const response = await post('/incidents', incidentBody()).expect(201);
        expect(response.body).toEqual({ incidentId: expect.any(String), revision: '0', position: expect.stringMatching(/^\d+$/) });
        const [opened] = await history(response.body.incidentId);
        expect(opened.type).toBe('IncidentOpened');
        expect(opened.metadata).toMatchObject({ actor: 'alice', schemaVersion: 2, commandId: expect.any(String), hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
      });

      it.each([
        ['/casualties', 'CasualtiesReported', casualtiesBody()],
        ['/hostages/taken', 'HostagesTaken', record({ party: 'civilian', count: 4 })],
        ['/seizures/vehicles', 'VehiclesSeized', record({ count: 17, vehicleKind: 'armed pickup' })],
        ['/seizures/weapons', 'WeaponsSeized', record({ count: 20, weaponKind: 'rifle' })],
        ['/arrests', 'ArrestsMade', record({ count: 2 })],
        ['/notes', 'TimelineNoteAdded', record({ text: 'Shooting lasted 90 minutes' })],
      ])('POST %s records %s with a server-assigned recordId', async (path, type, body) => {
        const incidentId = await open();
        const response = await post(`/incidents/${incidentId}${path}`, body).expect(201);
        expect(response.body).toMatchObject({ incidentId, recordId: expect.any(String), revision: '1' });
        const events = await history(incidentId);
        expect(events.map((event) => event.type)).toEqual(['IncidentOpened', type]);
        expect(events[1].data.recordId).toBe(response.body.recordId);
      });

      it("reads a note's and a record's whole text in the timeline, REST and GraphQL, beside the one-line summary", async () => {
        const incidentId = await open();
        const text = `${'Shooting lasted 90 minutes; '.repeat(300)}end`;
        await post(`/incidents/${incidentId}/notes`, record({ text })).expect(201);
        await post(`/incidents/${incidentId}/arrests`, record({ count: 2, note: 'Two detained at the checkpoint' })).expect(201);
        const last = (await post(`/incidents/${incidentId}/arrests`, record({ count: 1 })).expect(201)).body.position;
        const { body } = await t.http.get(`/incidents/${incidentId}/timeline?consistentWith=${last}`).set('Authorization', t.bearer('analyst')).expect(200);
        expect(body.items.map(({ text: whole }: { text: string | null }) => whole)).toEqual([text, 'Two detained at the checkpoint', null]);
        expect(body.items[0].summary).toMatch(/Shooting lasted 90 minutes;.*…$/);
        const { data } = await graphql(t, t.bearer('analyst'), `query($id: ID!) { incident(id: $id) { timeline { items { text } } } }`, { id: incidentId });
        expect(data!.incident.timeline.items.map(({ text: whole }: { text: string | null }) => whole)).toEqual([text, 'Two detained at the checkpoint', null]);
      });

      it('releases and kills hostages within what is held, per party', async () => {
        const incidentId = await open();
        await post(`/incidents/${incidentId}/hostages/taken`, record({ party: 'civilian', count: 4 })).expect(201);
        await post(`/incidents/${incidentId}/hostages/released`, record({ party: 'civilian', count: 2, how: 'rescued' })).expect(201);
        await post(`/incidents/${incidentId}/hostages/killed`, record({ party: 'civilian', count: 2 })).expect(201);
        const response = await post(`/incidents/${incidentId}/hostages/released`, record({ party: 'civilian', count: 1, how: 'released' })).expect(422);
        expect(response.body.code).toBe('HOSTAGES.RELEASE_EXCEEDS_HELD');
      });

      it('amends, closes and reopens; a closed incident rejects records with 422 until reopened', async () => {
        const incidentId = await open();
        await t.http.patch(`/incidents/${incidentId}`).set('Authorization', reporter).send({ title: 'Villa Unión attack' }).expect(201);
        await post(`/incidents/${incidentId}/close`, { reason: 'done' }).expect(201);
        const rejected = await post(`/incidents/${incidentId}/casualties`, casualtiesBody()).expect(422);
        expect(rejected.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(rejected.body).toMatchObject({ status: 422, code: 'INCIDENT.CLOSED' });
        await post(`/incidents/${incidentId}/reopen`, {}).expect(201);
        await post(`/incidents/${incidentId}/casualties`, casualtiesBody()).expect(201);
        expect((await history(incidentId)).map((event) => event.type)).toEqual([
          'IncidentOpened', 'IncidentAmended', 'IncidentClosed', 'IncidentReopened', 'CasualtiesReported',
        ]);
      });

      it('reads null in an amendment as a merge patch: it clears an optional field and is refused (400) for a required one, on REST and GraphQL', async () => {
        const incidentId = await open({ occurredUntil: '2019-12-01', description: 'Convoy', tags: ['cartel'], datePrecision: 'day' });
        const patch = (body: object) => t.http.patch(`/incidents/${incidentId}`).set('Authorization', reporter).send(body);
        const fields = async () => {
          const { data } = (await history(incidentId)).reduce((state, event) => (event.type === 'IncidentAmended' ? { data: { ...state.data, ...event.data } } : state), { data: {} as Record<string, unknown> });
          return data;
        };
        for (const field of ['title', 'category', 'occurredAt', 'location']) {
          const refused = await patch({ [field]: null, description: 'ignored' }).expect(400);
          expect(refused.body).toMatchObject({ code: 'INPUT.INVALID', errors: [{ field }] });
        }
        expect((await history(incidentId)).map((event) => event.type)).toEqual(['IncidentOpened']);
        await patch({ occurredUntil: null, description: null }).expect(201);
        expect(await fields()).toEqual({ incidentId, occurredUntil: null, description: '' });
        const amend = (input: object) =>
          t.http.post('/graphql').set('Authorization', reporter).send({
            query: 'mutation($id: ID!, $input: AmendIncidentInput!) { amendIncident(incidentId: $id, input: $input) { revision } }',
            variables: { id: incidentId, input },
          });
        expect((await amend({ tags: null, datePrecision: null })).body.data).toEqual({ amendIncident: { revision: '2' } });
        expect(await fields()).toEqual({ incidentId, occurredUntil: null, description: '', tags: [], datePrecision: 'exact' });
        const refused = await amend({ title: null });
        expect(refused.body.errors[0].extensions).toMatchObject({ code: 'INPUT.INVALID', errors: [{ field: 'input.title' }] });
        // A cleared field that is already absent changes nothing.
        expect((await amend({ occurredUntil: null })).body.data).toEqual({ amendIncident: { revision: '2' } });
      });

      it('corrects and retracts a record by id', async () => {
        const incidentId = await open();
        const recordId = randomUUID();
        await post(`/incidents/${incidentId}/casualties`, casualtiesBody({ recordId })).expect(201);
        const corrected = await post(`/incidents/${incidentId}/records/${recordId}/correction`, { count: 8, reason: 'revised' }).expect(201);
        expect(corrected.body).toMatchObject({ incidentId, recordId, revision: '2' });
        await post(`/incidents/${incidentId}/records/${recordId}/retraction`, { reason: 'duplicate' }).expect(201);
        const again = await post(`/incidents/${incidentId}/records/${recordId}/retraction`, { reason: 'again' }).expect(422);
        expect(again.body.code).toBe('RECORD.ALREADY_RETRACTED');
      });
    });

    describe('errors are problem+json and append nothing', () => {
      it('401 without a token or with a bad one, 403 with the wrong role', async () => {
        const incidentId = await open();
        const before = (await history(incidentId)).length;
        const none = await t.http.post(`/incidents/${incidentId}/casualties`).send(casualtiesBody()).expect(401);
        expect(none.headers['content-type']).toMatch(/^application\/problem\+json/);
        await t.http.post(`/incidents/${incidentId}/casualties`).set('Authorization', 'Bearer not.a.token').send(casualtiesBody()).expect(401);
        const unsigned = [{ alg: 'none', typ: 'JWT' }, { sub: 'mallory', roles: ['admin'] }].map((part) => Buffer.from(JSON.stringify(part)).toString('base64url'));
        await t.http.post(`/incidents/${incidentId}/casualties`).set('Authorization', `Bearer ${unsigned.join('.')}.`).send(casualtiesBody()).expect(401);
        const forbidden = await t.http.post(`/incidents/${incidentId}/casualties`).set('Authorization', t.bearer('analyst')).send(casualtiesBody()).expect(403);
        expect(forbidden.body.status).toBe(403);
        expect(await history(incidentId)).toHaveLength(before);
      });

      it('404 for an unknown incident or record', async () => {
        const missing = randomUUID();
        const response = await post(`/incidents/${missing}/casualties`, casualtiesBody()).expect(404);
        expect(response.body.code).toBe('INCIDENT.NOT_FOUND');
        expect(await history(missing)).toHaveLength(0);
        const incidentId = await open();
        await post(`/incidents/${incidentId}/records/${randomUUID()}/correction`, { count: 1, reason: 'x' }).expect(404);
      });

      it('412 for a stale If-Match, and a matching one appends', async () => {
        const incidentId = await open();
        const stale = await post(`/incidents/${incidentId}/casualties`, casualtiesBody(), { 'If-Match': '"5"' }).expect(412);
        expect(stale.body.code).toBe('REVISION.STALE');
        expect(await history(incidentId)).toHaveLength(1);
        const fresh = await post(`/incidents/${incidentId}/casualties`, casualtiesBody(), { 'If-Match': '"0"' }).expect(201);
        expect(fresh.body.revision).toBe('1');
      });

      it('413 for a body over the limit', async () => {
        const incidentId = await open();
        const response = await post(`/incidents/${incidentId}/notes`, record({ text: 'x'.repeat(300 * 1024) })).expect(413);
        expect(response.body.code).toBe('PAYLOAD_TOO_LARGE');
        expect(await history(incidentId)).toHaveLength(1);
      });

      const BAD_CASUALTIES: readonly [string, string, object][] = [
        ['negative count', 'count', { count: -1 }],
        ['fractional count', 'count', { count: 1.5 }],
        ['huge count', 'count', { count: 100001 }],
        ['astronomic count', 'count', { count: 1e300 }],
        ['string count', 'count', { count: '7' }],
        ['null count', 'count', { count: null }],
        ['zero incremental count', 'count', { count: 0, basis: 'incremental' }],
        ['unknown party', 'party', { party: 'aliens' }],
        ['upper-case party', 'party', { party: 'POLICE' }],
        ['unknown outcome', 'outcome', { outcome: 'missing' }],
        ['unknown basis', 'basis', { basis: 'estimated' }],
        ['unknown date precision', 'datePrecision', { datePrecision: 'fortnight' }],
        ['future occurredAt', 'occurredAt', { occurredAt: '2999-01-01T00:00:00Z' }],
        ['invalid occurredAt', 'occurredAt', { occurredAt: '2019-13-45' }],
        ['non-ISO occurredAt', 'occurredAt', { occurredAt: '30/11/2019' }],
        ['numeric occurredAt', 'occurredAt', { occurredAt: 1575136800000 }],
        ['unknown field', 'victims', { victims: 3 }],
        ['array as source', 'source', { source: [] }],
        ['string as source', 'source', { source: 'government' }],
        ['source without name', 'source.name', { source: { kind: 'media' } }],
        ['empty source name', 'source.name', { source: { name: '', kind: 'media' } }],
        ['unknown source kind', 'source.kind', { source: { name: 'x', kind: 'blog' } }],
        ['unknown field in source', 'source.trust', { source: { name: 'x', kind: 'media', trust: 1 } }],
        ['bad source url', 'source.url', { source: { name: 'x', kind: 'media', url: 'javascript:alert(1)' } }],
        ['non-UUID recordId', 'recordId', { recordId: 'record-1' }],
        ['NUL in note', 'note', { note: 'a\u0000b' }],
        ['missing party', 'party', { party: undefined }],
      ];
      it.each(BAD_CASUALTIES)('400 for %s, naming %s', async (_, field, overrides) => {
        const incidentId = await open();
        const response = await post(`/incidents/${incidentId}/casualties`, casualtiesBody(overrides)).expect(400);
        expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(response.body.errors.map((error: { field: string }) => error.field)).toContain(field);
        expect(await history(incidentId)).toHaveLength(1);
      });

      const NOT_AN_OBJECT = /^The request body must be a JSON object$/;
      const BAD_RAW: readonly [string, string, RegExp][] = [
        ['malformed JSON', '{"count": 7,', /JSON/],
        ['a JSON array body', '[]', NOT_AN_OBJECT],
        ['a bare JSON string', '"casualties"', NOT_AN_OBJECT],
        ['a JSON null body', 'null', NOT_AN_OBJECT],
        ['a JSON number body', ' 0', NOT_AN_OBJECT],
        ['a JSON false body', 'false', NOT_AN_OBJECT],
        ['a __proto__ key', '{"__proto__": {"admin": true}, "count": 7}', /__proto__/],
        ['a nested __proto__ key', JSON.stringify(casualtiesBody()).replace('"source":{', '"source":{"__proto__":{"x":1},'), /source\.__proto__/],
      ];
      it.each(BAD_RAW)('400 for %s', async (_, raw, detail) => {
        const incidentId = await open();
        const response = await t.http
          .post(`/incidents/${incidentId}/casualties`)
          .set('Authorization', reporter)
          .set('Content-Type', 'application/json')
          .send(raw)
          .expect(400);
        expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(response.body.detail).toMatch(detail);
        expect(await history(incidentId)).toHaveLength(1);
      });

      it.each([
        ['unknown category', 'category', { category: 'war' }],
        ['unknown country code', 'location.country', { location: { country: 'XX', admin1: 'A' } }],
        ['latitude out of range', 'location.lat', { location: { country: 'MX', admin1: 'A', lat: 91 } }],
        ['empty title', 'title', { title: '' }],
        ['tags as a string', 'tags', { tags: 'cartel' }],
        ['non-UUID incidentId', 'incidentId', { incidentId: '42' }],
      ] as const)('400 opening with %s, naming %s', async (_, field, overrides) => {
        const response = await post('/incidents', incidentBody(overrides)).expect(400);
        expect(response.body.errors.map((error: { field: string }) => error.field)).toContain(field);
      });

      it('400 for a non-UUID incident id in the path and for an If-Match that is no strong entity tag of a revision, appending nothing', async () => {
        const bad = await post('/incidents/not-a-uuid/casualties', casualtiesBody()).expect(400);
        expect(bad.body.errors[0].field).toBe('id');
        const incidentId = await open();
        // RFC 9110 compares If-Match strongly: a weak tag never matches; an unquoted revision is no entity tag.
        for (const value of ['yesterday', 'W/"0"', '0', '"0', '"-1"', '"00"', '"03"']) {
          const ifMatch = await post(`/incidents/${incidentId}/casualties`, casualtiesBody(), { 'If-Match': value }).expect(400);
          expect(ifMatch.body.errors[0].field).toBe('If-Match');
        }
        expect(await t.store.readStream(incidentStream(incidentId))).toHaveLength(1);
      });

      it('takes a country code in any case, as every filter does, and stores it in upper case', async () => {
        const { incidentId } = (await post('/incidents', incidentBody({ location: { country: 'mx', admin1: 'Coahuila' } })).expect(201)).body;
        const amended = await t.http.patch(`/incidents/${incidentId}`).set('Authorization', reporter).send({ location: { country: 'gt', admin1: 'Petén' } }).expect(201);
        const read = await t.http.get(`/incidents/${incidentId}?consistentWith=${amended.body.position}`).set('Authorization', t.bearer('analyst')).expect(200);
        expect(read.body.location.country).toBe('GT');
      });

      it('422 reopening an open incident, and opening an existing id', async () => {
        const incidentId = await open();
        expect((await post(`/incidents/${incidentId}/reopen`, {}).expect(422)).body.code).toBe('INCIDENT.ALREADY_OPEN');
        expect((await post('/incidents', incidentBody({ incidentId })).expect(422)).body.code).toBe('INCIDENT.ALREADY_EXISTS');
      });
    });

    describe('idempotency', () => {
      it('a repeated Idempotency-Key returns the first response and appends nothing; another body is 422', async () => {
        const incidentId = await open();
        const key = { 'Idempotency-Key': randomUUID() };
        const first = await post(`/incidents/${incidentId}/casualties`, casualtiesBody(), key).expect(201);
        const repeat = await post(`/incidents/${incidentId}/casualties`, casualtiesBody(), key).expect(201);
        expect(repeat.body).toEqual(first.body);
        expect(await history(incidentId)).toHaveLength(2);
        const other = await post(`/incidents/${incidentId}/casualties`, casualtiesBody({ count: 9 }), key).expect(422);
        expect(other.body.code).toBe('IDEMPOTENCY_KEY.REUSED');
      });

      it('one key is one command whichever transport sends it: REST then GraphQL (and back) answer the first write, another body is 422', async () => {
        const incidentId = await open();
        const key = randomUUID();
        const mutation = (count: number) =>
          graphql(t, reporter, `mutation($id: ID!, $key: ID) { recordArrests(incidentId: $id, commandId: $key, input: { occurredAt: "2019-11-30T13:00:00Z", source: { name: "${source.name}", kind: ${source.kind.toUpperCase()} }, count: ${count} }) { recordId revision position } }`, { id: incidentId, key });
        const first = await post(`/incidents/${incidentId}/arrests`, record({ count: 3 }), { 'Idempotency-Key': key }).expect(201);
        const again = await mutation(3);
        expect(again.errors).toBeUndefined();
        expect(again.data?.recordArrests).toEqual({ recordId: first.body.recordId, revision: first.body.revision, position: first.body.position });
        expect((await mutation(4)).errors?.[0].extensions.code).toBe('IDEMPOTENCY_KEY.REUSED');
        expect((await post(`/incidents/${incidentId}/arrests`, record({ count: 3 }), { 'Idempotency-Key': key }).expect(201)).body).toEqual(first.body);
        expect(await history(incidentId)).toHaveLength(2);
      });

      it('opening with a key and no incidentId lands on the same incident when repeated', async () => {
        const key = { 'Idempotency-Key': randomUUID() };
        const first = await post('/incidents', incidentBody(), key).expect(201);
        const repeat = await post('/incidents', incidentBody(), key).expect(201);
        expect(repeat.body).toEqual(first.body);
      });

      it('10 concurrent repeats of one key append one event', async () => {
        const incidentId = await open();
        const key = { 'Idempotency-Key': randomUUID() };
        const responses = await Promise.all(Array.from({ length: 10 }, () => post(`/incidents/${incidentId}/casualties`, casualtiesBody(), key)));
        expect(responses.map((response) => response.status)).toEqual(Array(10).fill(201));
        expect(new Set(responses.map((response) => JSON.stringify(response.body))).size).toBe(1);
        expect(await history(incidentId)).toHaveLength(2);
      });

      it('a repeat after a restart of the app still appends nothing', async () => {
        const incidentId = await open();
        const key = { 'Idempotency-Key': randomUUID() };
        const first = await post(`/incidents/${incidentId}/arrests`, record({ count: 3 }), key).expect(201);
        await t.close();
        t = await startTestApp(database.url, storeHandle.connectionString);
        reporter = t.bearer('reporter', 'alice');
        const repeat = await post(`/incidents/${incidentId}/arrests`, record({ count: 3 }), key).expect(201);
        expect(repeat.body).toEqual(first.body);
        expect(await history(incidentId)).toHaveLength(2);
      });
    });

    describe('concurrency', () => {
      it('20 concurrent writers without If-Match all land, with contiguous revisions', async () => {
        const incidentId = await open();
        const responses = await Promise.all(Array.from({ length: 20 }, (_, i) => post(`/incidents/${incidentId}/arrests`, record({ count: i + 1 }))));
        expect(responses.map((response) => response.status)).toEqual(Array(20).fill(201));
        const revisions = responses.map((response) => Number(response.body.revision)).sort((a, b) => a - b);
        expect(revisions).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
        const events = await history(incidentId);
        expect(events.map((event) => Number(event.revision))).toEqual(Array.from({ length: 21 }, (_, i) => i));
      });

      it("two app instances taking turns on an incident each see the other's writes (If-Match, repeats)", async () => {
        const other = await startTestApp(database.url, storeHandle.connectionString);
        try {
          const postTo = (app: TestApp, path: string, body: object, headers: Record<string, string> = {}) =>
            app.http.post(path).set('Authorization', app.bearer('reporter', 'alice')).set(headers).send(body);
          const incidentId = await open();
          let revision = '0';
          for (const [turn, app] of [t, other, t, other, t].entries()) {
            // Each instance has kept this incident folded as of its own last command; If-Match holds it to the other's revision.
            const response = await postTo(app, `/incidents/${incidentId}/arrests`, record({ count: turn + 1 }), { 'If-Match': `"${revision}"` }).expect(201);
            expect(response.body.revision).toBe(String(Number(revision) + 1));
            revision = response.body.revision;
          }
          const key = { 'Idempotency-Key': randomUUID() };
          const first = await postTo(other, `/incidents/${incidentId}/arrests`, record({ count: 9 }), key).expect(201);
          expect((await postTo(t, `/incidents/${incidentId}/arrests`, record({ count: 9 }), key).expect(201)).body).toEqual(first.body);
          expect(await history(incidentId)).toHaveLength(7);
        } finally {
          await other.close();
        }
      });
    });
  });
}
