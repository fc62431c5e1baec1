import { DataSource } from 'typeorm';
import { incidentBody, casualtiesBody } from '../incidents/incident-commands.suite.js';
import { csvRecords, download } from '../exports/export-client.js';
import { graphql } from '../graphql/graphql-client.js';
import type { EventStoreUnderTest } from '../support/event-stores.js';
import { appPerSuite } from '../support/suite-app.js';
import type { TestApp } from '../support/test-app.js';

const GOVERNMENT = { name: 'Coahuila state government', aliases: ['Gobierno de Coahuila'], kind: 'government', scale: 'regional', reliability: 'A' };
const POST = { name: 'Anonymous social-media post', kind: 'social_media' };
const UNKNOWN_SOURCE = '5d0c1f3e-8b7a-4c2d-9e6f-1a2b3c4d5e6f';

const TALLY = /* GraphQL */ `
  query Tally($id: ID!, $policy: BestPolicy, $asOf: String, $at: String) {
    incident(id: $id, consistentWith: $at) { tally(bestPolicy: $policy, asOf: $asOf) { killed { total { best low high } byParty { party best bestSource numberOfSources sources { name figure } } } } }
  }`;

/**
 * The source registry (docs/sources.md) through REST and GraphQL on the event store `eventStore()` gives:
 * registration and amendment, names taken, idempotency and If-Match, and what a registration does to
 * incidents' tallies (aliases folding from then on, reliability under MOST_RELIABLE).
 */
export function describeSources(name: string, eventStore: () => Promise<EventStoreUnderTest>) {
  describe(`source registry (${name})`, () => {
    let t: TestApp;
    let editor: string;
    let analyst: string;

    const app = appPerSuite(eventStore);
    beforeAll(() => {
      t = app();
      editor = t.bearer('reporter', 'alice');
      analyst = t.bearer('analyst');
    });

    const post = (path: string, body: object, headers: Record<string, string> = {}) => t.http.post(path).set('Authorization', editor).set(headers).send(body);
    const report = async (incidentId: string, count: number, source: object) =>
      (await post(`/incidents/${incidentId}/casualties`, casualtiesBody({ count, basis: 'cumulative', source })).expect(201)).body.position as string;

    it('registers a source (201 { sourceId, revision, position }), lists it and reads it by id', async () => {
      const registered = await post('/sources', { ...GOVERNMENT, name: 'Radio Fórmula', aliases: [], kind: 'media', scale: 'national', reliability: 'C' }).expect(201);
      expect(registered.body).toEqual({ sourceId: expect.any(String), revision: '0', position: expect.stringMatching(/^\d+$/) });
      const { sourceId, position } = registered.body;
      const one = await t.http.get(`/sources/${sourceId}?consistentWith=${position}`).set('Authorization', t.bearer('analyst')).expect(200);
      expect(one.body).toEqual({ sourceId, name: 'Radio Fórmula', aliases: [], kind: 'media', scale: 'national', reliability: 'C', revision: '0', position });
      const list = await t.http.get(`/sources?consistentWith=${position}`).set('Authorization', t.bearer('auditor')).expect(200);
      expect(list.body.items).toContainEqual(one.body);
    });

    it('refuses a name another source holds, in another spelling, with 409 naming the field; nothing is written', async () => {
      await post('/sources', { ...GOVERNMENT, name: 'Milenio', aliases: ['Milenio Diario'], kind: 'media' }).expect(201);
      const taken = await post('/sources', { ...GOVERNMENT, name: 'Grupo Milenio', aliases: ['  MILENIO  diario'], kind: 'media' }).expect(409);
      expect(taken.body).toMatchObject({ code: 'SOURCE.NAME_TAKEN', errors: [{ field: 'aliases[0]' }] });
      const gql = await graphql(t, editor, `mutation { registerSource(input: { name: "milenio", aliases: [], kind: MEDIA, scale: NATIONAL, reliability: B }) { sourceId } }`);
      expect(gql.errors?.[0].extensions).toMatchObject({ code: 'SOURCE.NAME_TAKEN', errors: [{ field: 'input.name' }] });
    });

    it('refuses a name a registration took while an older transaction still runs on the database (409): the check reads every committed event', async () => {
      const held = t.app.get(DataSource).createQueryRunner();
      await held.startTransaction();
      await held.query('SELECT pg_current_xact_id()');
      try {
        await post('/sources', { ...GOVERNMENT, name: 'Proceso', aliases: ['Revista Proceso'], kind: 'media' }).expect(201);
        const taken = await post('/sources', { ...GOVERNMENT, name: 'Semanario', aliases: ['revista  PROCESO'], kind: 'media' }).expect(409);
        expect(taken.body).toMatchObject({ code: 'SOURCE.NAME_TAKEN', errors: [{ field: 'aliases[0]' }] });
      } finally {
        await held.rollbackTransaction();
        await held.release();
      }
    });

    it('refuses an alias that is another source’s name or alias however it is written, sent at once or in turn, on REST and GraphQL (409 naming aliases[i])', async () => {
      const { sourceId: excelsior } = (await post('/sources', { ...GOVERNMENT, name: 'Excélsior', aliases: ['Periódico Excélsior'], kind: 'media' }).expect(201)).body;
      const taken = (aliases: string[]) => ({ ...GOVERNMENT, name: `Other ${aliases.join()}`, aliases: ['Free name', ...aliases], kind: 'media' });
      for (const alias of ['excélsior', 'PERIÓDICO\u2800 EXCÉLSIOR', 'Exce\u0301lsior\ufff9']) {
        expect((await post('/sources', taken([alias])).expect(409)).body).toMatchObject({ code: 'SOURCE.NAME_TAKEN', errors: [{ field: 'aliases[1]' }] });
      }
      const { sourceId: other } = (await post('/sources', { ...GOVERNMENT, name: 'La Jornada', aliases: [], kind: 'media' }).expect(201)).body;
      const amended = await t.http.patch(`/sources/${other}`).set('Authorization', editor).send({ aliases: ['Jornada', 'Excelsior\u200b', 'excélsior'] }).expect(409);
      expect(amended.body).toMatchObject({ code: 'SOURCE.NAME_TAKEN', errors: [{ field: 'aliases[2]' }] });
      const gql = await graphql(t, editor, 'mutation($id: ID!, $aliases: [String!]) { amendSource(sourceId: $id, input: { aliases: $aliases }) { sourceId } }', { id: other, aliases: ['Periódico Excélsior'] });
      expect(gql.errors?.[0].extensions).toMatchObject({ code: 'SOURCE.NAME_TAKEN', errors: [{ field: 'input.aliases[0]' }] });
      // Registrations racing for one alias: one holds it, the others are refused.
      const racing = await Promise.all(['Milenio Noticias', 'Milenio Televisión', 'Milenio Radio'].map((name) => post('/sources', { ...GOVERNMENT, name, aliases: ['Milenio TV'], kind: 'media' })));
      expect(racing.map(({ status }) => status).sort()).toEqual([201, 409, 409]);
      const sources = (await t.http.get(`/sources?consistentWith=${racing.find(({ status }) => status === 201)!.body.position}`).set('Authorization', analyst).expect(200)).body.items;
      expect(sources.filter((source: { aliases: string[] }) => source.aliases.includes('Milenio TV'))).toHaveLength(1);
      expect(sources.find((source: { sourceId: string }) => source.sourceId === excelsior)).toMatchObject({ name: 'Excélsior' });
    });

    it('refuses bad input with 400 naming the field, and writes by an analyst with 403', async () => {
      const bad = await post('/sources', { ...GOVERNMENT, name: 'X', reliability: 'G' }).expect(400);
      expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'reliability' })]);
      await t.http.post('/sources').set('Authorization', t.bearer('analyst')).send({ ...GOVERNMENT, name: 'Y' }).expect(403);
    });

    it('amends with PATCH, answers a repeated Idempotency-Key with the first answer, and refuses a stale If-Match with 412', async () => {
      const { sourceId } = (await post('/sources', { ...GOVERNMENT, name: 'El Heraldo', aliases: [], kind: 'media' }).expect(201)).body;
      const patch = (body: object, headers: Record<string, string> = {}) => t.http.patch(`/sources/${sourceId}`).set('Authorization', editor).set(headers).send(body);
      const first = await patch({ reliability: 'B' }, { 'Idempotency-Key': 'heraldo-b' }).expect(201);
      expect(first.body).toMatchObject({ sourceId, revision: '1' });
      expect((await patch({ reliability: 'B' }, { 'Idempotency-Key': 'heraldo-b' }).expect(201)).body).toEqual(first.body);
      await patch({ reliability: 'D' }, { 'If-Match': '"0"' }).expect(412);
      const read = await graphql(t, t.bearer('analyst'), `query($id: ID!, $at: String) { source(id: $id, consistentWith: $at) { name reliability revision } }`, { id: sourceId, at: first.body.position });
      expect(read.data?.source).toEqual({ name: 'El Heraldo', reliability: 'B', revision: '1' });
    });

    it('answers an amendment that changes nothing ({}, or the values it has) with 200 and the last revision and position, appending nothing', async () => {
      const { sourceId } = (await post('/sources', { ...GOVERNMENT, name: 'El Siglo de Torreón', aliases: [], kind: 'media' }).expect(201)).body;
      const amended = (await t.http.patch(`/sources/${sourceId}`).set('Authorization', editor).send({ scale: 'national' }).expect(201)).body;
      const head = await t.store.headPosition();
      for (const body of [{}, { scale: 'national' }]) {
        expect((await t.http.patch(`/sources/${sourceId}`).set('Authorization', editor).send(body).expect(201)).body).toEqual(amended);
      }
      expect(await t.store.headPosition()).toBe(head);
      await t.http.patch(`/sources/${UNKNOWN_SOURCE}`).set('Authorization', editor).send({}).expect(404);
    });

    it('folds an alias into its source from its registration on; an asOf before it shows the two apart', async () => {
      const incidentId = (await post('/incidents', incidentBody()).expect(201)).body.incidentId;
      await report(incidentId, 14, { name: 'Secretaría de Seguridad de Coahuila', kind: 'government' });
      const before = await report(incidentId, 16, { name: 'SSP Coahuila', kind: 'government' });
      const registered = await post('/sources', { ...GOVERNMENT, name: 'Secretaría de Seguridad de Coahuila', aliases: ['ssp coahuila'] }).expect(201);
      const now = await graphql(t, analyst, TALLY, { id: incidentId, at: registered.body.position });
      expect(now.data?.incident.tally.killed.byParty[0]).toMatchObject({ best: 16, numberOfSources: 1, sources: [{ name: 'Secretaría de Seguridad de Coahuila', figure: 16 }] });
      const then = await t.http.get(`/incidents/${incidentId}/tally?asOf=${before}`).set('Authorization', analyst).expect(200);
      expect(then.body.killed.byParty[0]).toMatchObject({ numberOfSources: 2, low: 14, high: 16 });
    });

    it('lists an incident whose sources a registration merged in the change feed, at the registration', async () => {
      const incidentId = (await post('/incidents', incidentBody()).expect(201)).body.incidentId;
      await report(incidentId, 3, { name: 'Policía Municipal de Torreón', kind: 'government' });
      const before = await report(incidentId, 5, { name: 'PM Torreón', kind: 'government' });
      const registered = await post('/sources', { ...GOVERNMENT, name: 'Policía Municipal de Torreón', aliases: ['PM Torreón'] }).expect(201);
      const { position } = registered.body;
      const changes = await t.http.get(`/changes?after=${before}&consistentWith=${position}`).set('Authorization', analyst).expect(200);
      expect(changes.body.items).toContainEqual({ incidentId, position, change: 'changed', cursor: expect.any(String) });
      const view = await t.http.get(`/incidents/${incidentId}`).set('Authorization', analyst).expect(200);
      expect(view.body.tally.killed.byParty[0]).toMatchObject({ best: 5, numberOfSources: 1 });
      // A replay (one batch) moves the incident to the registration's position as the live runner did.
      const verified = await t.http.get('/audit/verify').set('Authorization', t.bearer('auditor')).expect(200);
      expect(verified.body.readModelDifferences).toEqual([]);
    });

    it("fills ACLED's source_scale with the registered scales of an incident's sources, by any of their names", async () => {
      const incidentId = (await post('/incidents', incidentBody({ location: { country: 'UY', admin1: 'Montevideo' } })).expect(201)).body.incidentId;
      await report(incidentId, 2, { name: 'D1 Noticias', kind: 'media' });
      await report(incidentId, 3, { name: 'Radio Carve', kind: 'media' });
      const { position } = (await post('/sources', { ...GOVERNMENT, name: 'Diario Uno', aliases: ['d1  noticias'], scale: 'national' }).expect(201)).body;
      const acled = csvRecords((await download(t, `/exports/incidents.csv?format=acled&country=UY&consistentWith=${position}`)).body);
      expect(acled.find((row) => row.event_id_cnty === incidentId)).toMatchObject({ source: 'Diario Uno; Radio Carve', source_scale: 'National' });
    });

    it('keeps a reliability-A statement as best under MOST_RELIABLE when an anonymous post comes after it, on REST, GraphQL and tallies', async () => {
      await post('/sources', { ...GOVERNMENT, name: 'Gobierno del Estado de Sinaloa', aliases: [] }).expect(201);
      const incidentId = (await post('/incidents', incidentBody({ location: { country: 'MX', admin1: 'Sinaloa', admin2: 'Culiacán', place: 'Centro' } })).expect(201)).body.incidentId;
      await report(incidentId, 8, { name: 'Gobierno del Estado de Sinaloa', kind: 'government' });
      const position = await report(incidentId, 40, POST);
      const rest = await t.http.get(`/incidents/${incidentId}/tally?bestPolicy=MOST_RELIABLE`).set('Authorization', analyst).expect(200);
      expect(rest.body.killed.byParty[0]).toMatchObject({ best: 8, bestSource: 'Gobierno del Estado de Sinaloa', numberOfSources: 2 });
      const latest = await graphql(t, analyst, TALLY, { id: incidentId, policy: 'LATEST', at: position });
      expect(latest.data?.incident.tally.killed.byParty[0]).toMatchObject({ best: 40, bestSource: POST.name });
      const conservative = await graphql(t, analyst, TALLY, { id: incidentId, policy: 'CONSERVATIVE' });
      expect(conservative.data?.incident.tally.killed.total).toEqual({ best: 8, low: 8, high: 40 });
      const tallies = await t.http.get(`/tallies?admin1=Sinaloa&bestPolicy=MOST_RELIABLE&consistentWith=${position}`).set('Authorization', analyst).expect(200);
      expect(tallies.body[0].killed.total).toEqual({ best: 8, low: 8, high: 40 });
      const medianAsOf = await t.http.get(`/tallies?admin1=Sinaloa&bestPolicy=MEDIAN&asOf=${position}`).set('Authorization', analyst).expect(200);
      expect(medianAsOf.body[0].killed.total.best).toBe(8);
    });

    it("counts a merged incident's figures under its survivor as one source per sourceKey across both, under every policy", async () => {
      await post('/sources', { ...GOVERNMENT, name: 'Fiscalía General de Durango', aliases: ['Fiscalía de Durango'] }).expect(201);
      const durango = incidentBody({ location: { country: 'MX', admin1: 'Durango', admin2: 'Lerdo', place: 'Centro' } });
      const survivor = (await post('/incidents', durango).expect(201)).body.incidentId;
      const duplicate = (await post('/incidents', durango).expect(201)).body.incidentId;
      await report(duplicate, 12, { name: 'fiscalía  de DURANGO', kind: 'government' });
      await report(survivor, 10, { name: 'Fiscalía de Durango', kind: 'government' });
      await report(survivor, 30, POST);
      const { position } = (await post(`/incidents/${duplicate}/merge`, { into: survivor }).expect(201)).body;
      const expected = { LATEST: 30, MOST_RELIABLE: 10, CONSERVATIVE: 10, MEDIAN: 10 };
      for (const [policy, best] of Object.entries(expected)) {
        const rest = await t.http.get(`/incidents/${survivor}/tally?bestPolicy=${policy}&consistentWith=${position}`).set('Authorization', analyst).expect(200);
        expect(rest.body.killed.byParty[0]).toMatchObject({ best, low: 10, high: 30, numberOfSources: 2, sources: [{ name: POST.name, figure: 30 }, { name: 'Fiscalía General de Durango', figure: 10 }] });
        const gql = await graphql(t, analyst, TALLY, { id: survivor, policy, at: position });
        expect(gql.data?.incident.tally.killed.total).toEqual({ best, low: 10, high: 30 });
        const sums = await t.http.get(`/tallies?admin1=Durango&bestPolicy=${policy}&consistentWith=${position}`).set('Authorization', analyst).expect(200);
        expect(sums.body).toHaveLength(1);
        expect(sums.body[0]).toMatchObject({ incidents: 1, killed: { total: { best, low: 10, high: 30 }, byParty: [{ numberOfSources: 2 }] } });
      }
    });
  });
}
