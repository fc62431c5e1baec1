import SwaggerParser from '@apidevtools/swagger-parser';
import type { OpenAPIObject, OperationObject, ResponseObject } from '@nestjs/swagger';
import { Ajv } from 'ajv';
import type { Response } from 'supertest';
import { casualtiesBody, incidentBody } from '../incidents/incident-commands.suite.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

const ID = '0b0f6a1e-5d8c-4c1e-9a7e-2f1d3c4b5a69';
const UNKNOWN = '3f1c0c4e-9b1e-4a55-8f0a-5b8e2a6d7c10';
const DUPLICATE = '6d2e1f0a-3b4c-4d5e-8f6a-7b8c9d0e1f2a';
const source = { name: 'Coahuila state government', kind: 'government' };
const record = (fields: object) => ({ occurredAt: '2019-11-30T13:00:00-06:00', source, ...fields });

/** The schema with every object closed to properties it does not list: an undocumented field fails too. */
const closed = (schema: object): object =>
  JSON.parse(JSON.stringify(schema), (_key, value: unknown) =>
    value !== null && typeof value === 'object' && 'properties' in value && !('additionalProperties' in value) ? { ...value, additionalProperties: false } : value,
  );

/**
 * The document tells the truth: real answers of every documented operation (and of each kind of error)
 * validate against the schema the document gives for their status and content type.
 */
describe('answers as /docs-json documents them', () => {
  let db: TestDatabase;
  let t: TestApp;
  let document: OpenAPIObject;
  const ajv = new Ajv({ strict: false, validateFormats: false, allErrors: true });
  const answered = new Set<string>();

  beforeAll(async () => {
    db = await createTestDatabase();
    t = await startTestApp(db.url);
    const { body } = await t.http.get('/docs-json').expect(200);
    document = (await SwaggerParser.dereference(body as never)) as unknown as OpenAPIObject;
  });
  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  /** The documented operation whose path template matches the request's path. */
  function operationOf(method: string, url: string): [string, OperationObject] {
    const path = new URL(url, 'http://app').pathname;
    const template = Object.keys(document.paths).find((candidate) => new RegExp(`^${candidate.replace(/\{\w+\}/g, '[^/]+')}$`).test(path));
    const operation = template && (document.paths[template][method.toLowerCase() as 'get'] as OperationObject | undefined);
    if (!operation) throw new Error(`${method} ${path} is not documented`);
    return [`${method.toUpperCase()} ${template}`, operation];
  }

  function expectDocumented(response: Response): Response {
    const request = response.request as unknown as { method: string; url: string };
    const [name, operation] = operationOf(request.method, request.url);
    const documented = operation.responses[String(response.status)] as ResponseObject | undefined;
    const contentType = String(response.headers['content-type']).split(';')[0];
    const schema = documented?.content?.[contentType]?.schema;
    expect({ name, status: response.status, contentType, documented: schema !== undefined }).toEqual({ name, status: response.status, contentType, documented: true });
    const validate = ajv.compile(closed(schema as object));
    const body = contentType.startsWith('text/') ? response.text : response.body;
    expect({ name, errors: validate(body) ? null : validate.errors }).toEqual({ name, errors: null });
    if (response.status < 300) answered.add(name);
    return response;
  }

  it('every operation answers 2xx with its documented shape', async () => {
    const reporter = t.bearer('reporter');
    const write = async (path: string, body: object) =>
      expectDocumented(await t.http.post(path).set('Authorization', reporter).send(body)).body as { recordId?: string; position: string };
    await write('/incidents', incidentBody({ incidentId: ID }));
    expectDocumented(await t.http.patch(`/incidents/${ID}`).set('Authorization', reporter).send({ title: 'Attack on Villa Unión, Coahuila' }));
    const casualties = await write(`/incidents/${ID}/casualties`, casualtiesBody());
    await write(`/incidents/${ID}/hostages/taken`, record({ party: 'civilian', count: 4 }));
    await write(`/incidents/${ID}/hostages/released`, record({ party: 'civilian', count: 1, how: 'rescued' }));
    await write(`/incidents/${ID}/hostages/killed`, record({ party: 'civilian', count: 1 }));
    await write(`/incidents/${ID}/seizures/vehicles`, record({ count: 17, vehicleKind: 'armed pickup' }));
    await write(`/incidents/${ID}/seizures/weapons`, record({ count: 20, weaponKind: 'assault rifle' }));
    const arrests = await write(`/incidents/${ID}/arrests`, record({ count: 2 }));
    await write(`/incidents/${ID}/notes`, record({ text: 'Shooting lasted about 90 minutes' }));
    await write(`/incidents/${ID}/records/${casualties.recordId}/correction`, { count: 14, reason: 'Revised official figure' });
    await write(`/incidents/${ID}/records/${arrests.recordId}/retraction`, { reason: 'Duplicate report' });
    const cartel = (await write('/actors', { name: 'Cártel del Noreste', aliases: ['CDN'], actorType: 'political_militia' })) as unknown as { actorId: string };
    const police = (await write('/actors', { name: 'Coahuila state police', actorType: 'state_forces' })) as unknown as { actorId: string };
    await write(`/actors/${cartel.actorId}/aliases`, { alias: 'Los Zetas' });
    await write(`/incidents/${ID}/actors`, { actorId: police.actorId, role: 'side_b' });
    expectDocumented(await t.http.delete(`/incidents/${ID}/actors/${police.actorId}`).set('Authorization', reporter));
    await write(`/incidents/${ID}/actors`, { actorId: cartel.actorId, role: 'perpetrator' });
    await write(`/actors/${police.actorId}/merge`, { into: cartel.actorId });
    await write(`/incidents/${ID}/close`, { reason: 'Operations concluded' });
    await write(`/incidents/${ID}/reopen`, {});
    await write('/incidents', incidentBody({ incidentId: DUPLICATE }));
    const { position } = await write(`/incidents/${ID}/links`, { otherIncidentId: DUPLICATE, relation: 'related' });

    const read = async (path: string, role: 'analyst' | 'auditor' = 'analyst') =>
      expectDocumented(await t.http.get(path).set('Authorization', t.bearer(role)).expect(200));
    await read(`/incidents?consistentWith=${position}`);
    await read(`/incidents/${ID}`);
    await read('/actors');
    await read(`/actors/${cartel.actorId}`);
    await read(`/incidents/${ID}/tally`);
    await read(`/incidents/${ID}/tally?asOf=${position}`);
    await read(`/incidents/${ID}/timeline`);
    await read(`/incidents/${ID}/events`, 'auditor');
    await read('/audit/verify', 'auditor');
    await read('/exports/incidents.csv?format=ucdp');
    await read('/exports/records.csv');
    await read('/exports/incidents.geojson');
    await read('/tallies?groupBy=COUNTRY,PARTY');
    await read(`/incidents/${ID}/tally/diff?from=${casualties.position}&to=${position}`);
    await read(`/tallies/diff?from=${casualties.position}&to=${position}&groupBy=COUNTRY,PARTY`);
    await read(`/changes?after=0&consistentWith=${position}`);
    await read(`/incidents/${ID}/duplicate-candidates?first=5`);
    await write(`/incidents/${DUPLICATE}/merge`, { into: ID });
    const source = await write('/sources', { name: 'Radio Fórmula', aliases: ['Fórmula'], kind: 'media', scale: 'national', reliability: 'C' });
    const sourceId = (source as unknown as { sourceId: string }).sourceId;
    const amended = expectDocumented(await t.http.patch(`/sources/${sourceId}`).set('Authorization', reporter).send({ reliability: 'B' })).body as { position: string };
    await read(`/sources?consistentWith=${amended.position}`);
    await read(`/sources/${sourceId}?consistentWith=${amended.position}`);
    expectDocumented(await t.http.get('/health').expect(200));
    expectDocumented(await t.http.get('/metrics').expect(200));

    const documented = Object.entries(document.paths).flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`));
    expect([...answered].sort()).toEqual(documented.sort());
  });

  it('errors answer with the documented problem+json', async () => {
    expectDocumented(await t.http.get(`/incidents/${UNKNOWN}`).set('Authorization', t.bearer('analyst')).expect(404));
    expectDocumented(await t.http.get('/incidents?first=0').set('Authorization', t.bearer('analyst')).expect(400));
    expectDocumented(await t.http.post('/incidents').set('Authorization', t.bearer('reporter')).send({ title: 'No fields' }).expect(400));
    expectDocumented(await t.http.get('/incidents').expect(401));
    expectDocumented(await t.http.get('/audit/verify').set('Authorization', t.bearer('analyst')).expect(403));
    const reporter = t.bearer('reporter');
    expectDocumented(await t.http.post(`/incidents/${UNKNOWN}/arrests`).set('Authorization', reporter).send(record({ count: 1 })).expect(404));
    expectDocumented(await t.http.post(`/incidents/${ID}/arrests`).set('Authorization', reporter).set('If-Match', '"1"').send(record({ count: 1 })).expect(412));
    const released = record({ party: 'police', count: 1, how: 'released' });
    expectDocumented(await t.http.post(`/incidents/${ID}/hostages/released`).set('Authorization', reporter).send(released).expect(422));
  });
});
