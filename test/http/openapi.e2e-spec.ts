import SwaggerParser from '@apidevtools/swagger-parser';
import type { OpenAPIObject, OperationObject, ReferenceObject, SchemaObject } from '@nestjs/swagger';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

interface Route {
  readonly method: string;
  readonly path: string;
}

/** Swagger's own routes serve the document; they are not part of the API it describes. */
const isDocumentRoute = (path: string) => path === '/docs' || path.startsWith('/docs/') || path.startsWith('/docs-');

/** Every route the HTTP server answers, read from the Express router Nest registered them on. */
function servedRoutes(t: TestApp): Route[] {
  const express = t.app.getHttpAdapter().getInstance() as { router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] } };
  return express.router.stack.flatMap(({ route }) =>
    route && !isDocumentRoute(route.path)
      ? Object.keys(route.methods).map((method) => ({ method, path: route.path.replace(/:(\w+)/g, '{$1}') }))
      : [],
  );
}

const hasSchema = (content: Record<string, { schema?: unknown }> | undefined) => Object.values(content ?? {}).some((media) => media.schema !== undefined);

describe('the OpenAPI document at /docs-json', () => {
  let db: TestDatabase;
  let t: TestApp;
  let document: OpenAPIObject;

  beforeAll(async () => {
    db = await createTestDatabase();
    t = await startTestApp(db.url);
    const response = await t.http.get('/docs-json').expect(200);
    document = response.body as OpenAPIObject;
  });
  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  const operation = ({ method, path }: Route) => document.paths[path]?.[method as 'get'] as OperationObject | undefined;
  const schemaOf = (name: string) => document.components!.schemas![name] as SchemaObject;
  const property = (schema: SchemaObject, name: string) => schema.properties![name] as SchemaObject & ReferenceObject;

  it('is a valid OpenAPI 3 document whose every $ref resolves (client generators can read it)', async () => {
    const refs = JSON.stringify(document).match(/"\$ref":"[^"]*"/g) ?? [];
    expect(refs.filter((ref) => ref.endsWith('/"'))).toEqual([]);
    await expect(SwaggerParser.validate(structuredClone(document) as never)).resolves.toMatchObject({ openapi: expect.stringMatching(/^3\./) });
  });

  it('documents every route the app serves: a 2xx response with a schema, a request body schema for every write', () => {
    const routes = servedRoutes(t);
    expect(routes.map((route) => `${route.method.toUpperCase()} ${route.path}`)).toEqual(
      expect.arrayContaining(['GET /health', 'GET /metrics', 'POST /incidents', 'GET /incidents/{id}/tally', 'GET /audit/verify']),
    );
    const undocumented = routes.filter((route) => {
      const documented = operation(route);
      if (!documented) return true;
      const success = Object.entries(documented.responses).filter(([status]) => /^2\d\d$/.test(status));
      if (!success.some(([, response]) => hasSchema((response as { content?: Record<string, { schema?: unknown }> }).content))) return true;
      const body = documented.requestBody as { content?: Record<string, { schema?: unknown }> } | undefined;
      return ['post', 'put', 'patch'].includes(route.method) && !hasSchema(body?.content);
    });
    expect(undocumented).toEqual([]);
  });

  it('describes reads with the GraphQL types (docs/api.md), enums in the lower case REST uses', () => {
    expect(operation({ method: 'get', path: '/incidents/{id}' })!.responses['200']).toMatchObject({ content: { 'application/json': { schema: { $ref: '#/components/schemas/Incident' } } } });
    expect(operation({ method: 'get', path: '/incidents' })!.responses['200']).toMatchObject({ content: { 'application/json': { schema: { $ref: '#/components/schemas/IncidentPage' } } } });
    const incident = schemaOf('Incident');
    expect(Object.keys(incident.properties!)).toEqual(expect.arrayContaining(['id', 'incidentId', 'title', 'category', 'occurredAt', 'location', 'tags', 'status', 'revision', 'tally']));
    expect(incident.properties).not.toHaveProperty('timeline');
    expect(property(incident, 'category').enum).toContain('violence_against_civilians');
    expect(schemaOf('IncidentPage')).toMatchObject({ required: ['items'], properties: { nextCursor: { type: 'string', nullable: true } } });
    expect(schemaOf('PartyFigure').properties!.party).toMatchObject({ enum: expect.arrayContaining(['armed_group', 'police']) });
    expect(Object.keys(schemaOf('TimelineEntry').properties!).sort()).toEqual(
      ['recordId', 'type', 'occurredAt', 'datePrecision', 'recordedAt', 'summary', 'text', 'source', 'corrected', 'retracted'].sort(),
    );
    expect(Object.keys(schemaOf('HistoryItem').properties!).sort()).toEqual(['eventId', 'type', 'data', 'metadata', 'revision', 'position', 'recordedAt'].sort());
    expect(Object.keys(schemaOf('VerifyReport').properties!)).toEqual(
      expect.arrayContaining(['ok', 'streams', 'events', 'chainBreaks', 'readModelDifferences']),
    );
  });

  it('documents writes: the result, problem+json errors, bearer auth and the write headers', () => {
    const write = operation({ method: 'post', path: '/incidents/{id}/casualties' })!;
    expect(write.responses['201']).toMatchObject({ content: { 'application/json': { schema: { $ref: '#/components/schemas/CommandResult' } } } });
    for (const status of ['400', '401', '403', '404', '409', '412', '422', '503']) {
      expect(write.responses[status]).toMatchObject({ content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } });
    }
    expect(write.security).toEqual([{ bearer: [] }]);
    expect(document.components!.securitySchemes!.bearer).toMatchObject({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
    expect(write.parameters!.map((parameter) => `${(parameter as { in: string }).in} ${(parameter as { name: string }).name}`)).toEqual(
      expect.arrayContaining(['path id', 'header Idempotency-Key', 'header If-Match', 'header X-Correlation-Id']),
    );
    expect(Object.keys(schemaOf('CommandResult').properties!).sort()).toEqual(['incidentId', 'position', 'recordId', 'revision']);
    const location = property(schemaOf('OpenIncidentDto'), 'location');
    expect(location).toEqual({ $ref: '#/components/schemas/LocationDto' });
  });

  it("keeps a record's source and a registered source apart (one schema name per shape)", () => {
    expect(schemaOf('SourceDto').properties).not.toHaveProperty('sourceId');
    expect(operation({ method: 'get', path: '/sources/{id}' })!.responses['200']).toMatchObject({ content: { 'application/json': { schema: { $ref: '#/components/schemas/RegisteredSourceDto' } } } });
    expect(schemaOf('RegisteredSourceDto').required).toEqual(expect.arrayContaining(['sourceId', 'reliability', 'revision']));
  });

  const successes = (method: 'delete' | 'patch' | 'put') =>
    Object.entries(document.paths).flatMap(([path, item]) => (item[method] ? [[path, Object.keys(item[method].responses).filter((status) => /^2/.test(status))]] : []));

  it('documents every write, PATCH and DELETE too, as answering 201 only (docs/api.md: every write returns 201)', () => {
    expect(successes('delete')).toEqual([['/incidents/{id}/actors/{actorId}', ['201']]]);
    expect(successes('patch')).toEqual([
      ['/incidents/{id}', ['201']],
      ['/sources/{id}', ['201']],
    ]);
    expect(successes('put')).toEqual([]);
  });

  it('documents the query parameters of reads', () => {
    const names = (path: string) => operation({ method: 'get', path })!.parameters!.map((parameter) => (parameter as { name: string }).name);
    expect(names('/incidents')).toEqual(expect.arrayContaining(['consistentWith', 'first', 'after', 'country', 'admin1', 'status', 'occurredFrom', 'occurredTo']));
    expect(names('/incidents/{id}/tally')).toEqual(expect.arrayContaining(['id', 'consistentWith', 'asOf', 'occurredFrom', 'occurredTo']));
    expect(names('/incidents/{id}/timeline')).toEqual(expect.arrayContaining(['id', 'consistentWith', 'first', 'after']));
  });
});
