import fc from 'fast-check';

/**
 * Hostile requests for every REST route and GraphQL mutation (and a few queries): mostly valid
 * shapes with hostile values, unknown and hostile keys, random JSON, broken JSON, odd content
 * types, ids in any case or none, and odd headers. Bodies are sent as text so that lone surrogates
 * travel as JSON escapes, as an attacker's client would send them.
 */

export interface FuzzRequest {
  readonly method: 'GET' | 'POST' | 'PATCH';
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body?: string;
  /** Whether it is a command (REST write or GraphQL mutation): refused, it must append nothing. */
  readonly write: boolean;
  readonly graphql: boolean;
}

export interface FuzzTargets {
  readonly incidentId: string;
  readonly recordId: string;
  /** `Authorization` values: the role that may send the request, and others. */
  readonly tokens: { readonly writer: string; readonly reader: string; readonly auditor: string; readonly admin: string };
}

const HOSTILE_STRINGS = [
  '', ' ', '\u0000', 'a\u0000b', '\ud800', 'x\udfffy', '\ud83d', '😀', 'e\u0301', '\u202e', '\ufeff', 'null', 'NaN', '__proto__', 'constructor',
  '2019', '2019-11', '2019-W48-6', '2019-334', '2019-11-30T12:00:00+23:00', '2019-11-30T12:00:00', '+275760-09-13T00:00:00Z', '0000-01-01', '9999-12-31T23:59:59-14:00',
  '2019-11-30', '2019-11-30T12:00:00Z', '-1', '0', '1e3', '0x10', '9223372036854775807', '9223372036854775808', '18446744073709551616', '99999999999999999999',
  "'; drop table incident_summaries; --", '<script>alert(1)</script>', '%00', '../../etc/passwd', 'ARMED_GROUP', 'killed', 'MX', 'mx', 'ZZ',
  'x'.repeat(301), 'y'.repeat(2_001),
];

const loneSurrogates = fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code));
export const hostileString = fc.oneof(
  fc.constantFrom(...HOSTILE_STRINGS),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.string({ unit: fc.oneof(loneSurrogates, fc.constantFrom('a', '\u0000', '-', '9')), maxLength: 6 }),
);

const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  fc.integer(),
  fc.constantFrom(0, -0, 1, 100_000, 100_001, 2 ** 31, 2 ** 53, 1e308, -1, 0.5, 90.0001),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(hostileString, { maxLength: 3 }),
  fc.jsonValue({ maxDepth: 2 }),
);

/** A valid value most of the time, a hostile one otherwise. */
const field = (valid: unknown) => fc.oneof({ weight: 3, arbitrary: fc.constant(valid) }, { weight: 1, arbitrary: hostileValue });

const source = fc.record(
  { name: field('Coahuila state government'), kind: field('government'), url: field('https://coahuila.gob.mx/a'), publishedAt: field('2019-12-01T18:00:00Z') },
  { requiredKeys: ['name', 'kind'] },
);
const recordBase = {
  recordId: fc.oneof(fc.uuid(), fc.uuid().map((id) => id.toUpperCase()), hostileValue),
  occurredAt: field('2019-11-30T13:30:00-06:00'),
  datePrecision: field('day'),
  source: fc.oneof({ weight: 4, arbitrary: source }, hostileValue),
  note: field('from the press conference'),
};
const location = fc.record(
  { country: field('MX'), admin1: field('Coahuila'), admin2: field('Villa Unión'), place: field('Municipal building'), lat: field(28.22), lon: field(-100.72) },
  { requiredKeys: ['country', 'admin1'] },
);
const incidentFields = {
  title: field('Attack on Villa Unión'),
  category: field('battle'),
  occurredAt: field('2019-11-30T12:00:00-06:00'),
  location: fc.oneof({ weight: 4, arbitrary: location }, hostileValue),
  description: field('A convoy entered the town'),
  tags: fc.oneof(fc.constant(['cartel']), fc.array(hostileString, { maxLength: 3 }), hostileValue),
};

type Fields = Record<string, fc.Arbitrary<unknown>>;
const body = (fields: Fields, required: readonly string[]) =>
  fc.record(fields, { requiredKeys: required.filter((key) => key in fields) as never[] }) as fc.Arbitrary<Record<string, unknown>>;

/** Each command's fields (REST names; GraphQL takes the same as `input`, enums upper-cased). */
const COMMANDS: Record<string, { rest: string; mutation: string; input?: string; fields: Fields; required: string[]; record?: boolean }> = {
  open: { rest: 'POST /incidents', mutation: 'openIncident', input: 'OpenIncidentInput!', fields: { incidentId: fc.oneof(fc.uuid(), hostileValue), ...incidentFields }, required: ['title', 'category', 'occurredAt', 'location'] },
  amend: { rest: 'PATCH /incidents/:id', mutation: 'amendIncident', input: 'AmendIncidentInput!', fields: incidentFields, required: [] },
  close: { rest: 'POST /incidents/:id/close', mutation: 'closeIncident', input: 'LifecycleInput', fields: { reason: field('concluded') }, required: [] },
  reopen: { rest: 'POST /incidents/:id/reopen', mutation: 'reopenIncident', input: 'LifecycleInput', fields: { reason: field('new reports') }, required: [] },
  casualties: {
    rest: 'POST /incidents/:id/casualties', mutation: 'reportCasualties', input: 'ReportCasualtiesInput!',
    fields: { ...recordBase, party: field('armed_group'), outcome: field('killed'), count: field(7), basis: field('incremental') }, required: ['occurredAt', 'source', 'party', 'outcome', 'count', 'basis'],
  },
  taken: { rest: 'POST /incidents/:id/hostages/taken', mutation: 'recordHostagesTaken', input: 'HostagesInput!', fields: { ...recordBase, party: field('civilian'), count: field(4) }, required: ['occurredAt', 'source', 'party', 'count'] },
  released: {
    rest: 'POST /incidents/:id/hostages/released', mutation: 'recordHostagesReleased', input: 'HostagesReleasedInput!',
    fields: { ...recordBase, party: field('civilian'), count: field(1), how: field('rescued') }, required: ['occurredAt', 'source', 'party', 'count', 'how'],
  },
  killed: { rest: 'POST /incidents/:id/hostages/killed', mutation: 'recordHostagesKilled', input: 'HostagesInput!', fields: { ...recordBase, party: field('civilian'), count: field(1) }, required: ['occurredAt', 'source', 'party', 'count'] },
  vehicles: { rest: 'POST /incidents/:id/seizures/vehicles', mutation: 'recordVehiclesSeized', input: 'VehiclesSeizedInput!', fields: { ...recordBase, count: field(17), vehicleKind: field('armed pickup') }, required: ['occurredAt', 'source', 'count', 'vehicleKind'] },
  weapons: { rest: 'POST /incidents/:id/seizures/weapons', mutation: 'recordWeaponsSeized', input: 'WeaponsSeizedInput!', fields: { ...recordBase, count: field(20), weaponKind: field('rifle') }, required: ['occurredAt', 'source', 'count', 'weaponKind'] },
  arrests: { rest: 'POST /incidents/:id/arrests', mutation: 'recordArrests', input: 'ArrestsInput!', fields: { ...recordBase, count: field(2) }, required: ['occurredAt', 'source', 'count'] },
  note: { rest: 'POST /incidents/:id/notes', mutation: 'addTimelineNote', input: 'TimelineNoteInput!', fields: { ...recordBase, text: field('shooting for 90 minutes') }, required: ['occurredAt', 'source', 'text'] },
  correction: { rest: 'POST /incidents/:id/records/:recordId/correction', mutation: 'correctRecord', input: 'CorrectRecordInput!', fields: { count: field(3), reason: field('revised') }, required: ['count', 'reason'], record: true },
  retraction: { rest: 'POST /incidents/:id/records/:recordId/retraction', mutation: 'retractRecord', input: 'RetractRecordInput!', fields: { reason: field('duplicate') }, required: ['reason'], record: true },
};

/** Bytes of `value` percent-encoded (lone surrogates become U+FFFD), or a raw hostile escape. */
const pathSegment = (value: string) => [...Buffer.from(value, 'utf8')].map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join('');
const id = (known: string) =>
  fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(known, known.toUpperCase()) },
    { weight: 1, arbitrary: fc.uuid() },
    { weight: 1, arbitrary: fc.constantFrom('%00', '%ED%A0%80', '%', '%zz', '..', '%2e%2e', 'a%2Fb', '00000000-0000-0000-0000-00000000000g') },
    { weight: 1, arbitrary: hostileString.filter((value) => value.length > 0).map(pathSegment) },
  );

const rawBodies = fc.constantFrom('{', '[]', '[{}]', 'null', '"x"', '1', '{"a":1,}', '{"__proto__":{"x":1}}', '{"constructor":{"prototype":{}}}', `{"title":"${'\\ud800'}"}`, '\u0000', '');

const jsonBody = (fields: Fields, required: string[]) =>
  fc.oneof(
    { weight: 8, arbitrary: body(fields, required).map((value) => JSON.stringify(value)) },
    { weight: 2, arbitrary: fc.tuple(body(fields, required), fc.dictionary(hostileString, hostileValue, { maxKeys: 2 })).map(([value, extra]) => JSON.stringify({ ...value, ...extra })) },
    { weight: 1, arbitrary: fc.jsonValue().map((value) => JSON.stringify(value)) },
    { weight: 1, arbitrary: rawBodies },
  );

const headerValue = fc.oneof(fc.string({ unit: fc.integer({ min: 0x20, max: 0xfe }).map((code) => String.fromCharCode(code === 0x7f ? 0x20 : code)), maxLength: 300 }), fc.constantFrom('"3"', 'W/"1"', '"9223372036854775808"', '*'));
const contentType = fc.oneof({ weight: 10, arbitrary: fc.constant('application/json') }, { weight: 1, arbitrary: fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=latin1', 'application/json; charset=utf-16', 'multipart/form-data') });

const authorization = (allowed: string, targets: FuzzTargets) =>
  fc.oneof({ weight: 12, arbitrary: fc.constant(allowed) }, { weight: 1, arbitrary: fc.constantFrom(targets.tokens.reader, 'Bearer x.y.z', 'Basic Zm9vOmJhcg==', '') });

function restWrite(targets: FuzzTargets): fc.Arbitrary<FuzzRequest> {
  return fc.constantFrom(...Object.values(COMMANDS)).chain((command) => {
    const [method, template] = command.rest.split(' ') as ['POST' | 'PATCH', string];
    return fc
      .record({
        id: id(targets.incidentId),
        recordId: id(targets.recordId),
        body: jsonBody(command.fields, command.required),
        contentType,
        authorization: authorization(targets.tokens.writer, targets),
        optional: fc.record({ 'Idempotency-Key': headerValue, 'If-Match': headerValue, 'X-Correlation-Id': headerValue }, { requiredKeys: [] }),
      })
      .map(({ id: incident, recordId, body: text, contentType: type, authorization: auth, optional }) => ({
        method,
        path: template.replace(':id', incident).replace(':recordId', recordId),
        headers: { 'Content-Type': type, Authorization: auth, ...(optional as Record<string, string>) },
        body: text,
        write: true,
        graphql: false,
      }));
  });
}

const QUERY_KEYS = ['first', 'after', 'consistentWith', 'asOf', 'occurredFrom', 'occurredTo', 'country', 'admin1', 'status', 'bogus', '__proto__', 'first[a]'];
const queryValue = fc.oneof(hostileString, fc.constantFrom('1', '500', '501', 'eyJ4IjoxfQ', 'WyIyMDE5IiwiMCJd', 'WyI5MjIzMzcyMDM2ODU0Nzc1ODA3Il0'));
/** A valid position the read models have not reached is a legitimate 503 after the bounded wait (docs/api.md): only `0` stands for valid ones. */
const reachedOrInvalid = (value: string) => (/^\d+$/.test(value) && BigInt(value) < 2n ** 63n ? '0' : value);
const queryString = fc
  .array(fc.tuple(fc.constantFrom(...QUERY_KEYS), queryValue), { maxLength: 4 })
  .map((pairs) => pairs.map(([key, value]) => [key, key === 'consistentWith' ? reachedOrInvalid(value) : value]))
  .map((pairs) => (pairs.length ? `?${pairs.map(([key, value]) => `${pathSegment(key)}=${pathSegment(value)}`).join('&')}` : ''));

function restRead(targets: FuzzTargets): fc.Arbitrary<FuzzRequest> {
  const { reader, auditor } = targets.tokens;
  const routes = fc.oneof(
    { weight: 20, arbitrary: fc.tuple(fc.constantFrom('/incidents/:id', '/incidents/:id/tally', '/incidents/:id/timeline', '/incidents'), fc.constant(reader)) },
    { weight: 5, arbitrary: fc.tuple(fc.constant('/incidents/:id/events'), fc.constant(auditor)) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom('/audit/verify', '/health', '/nowhere'), fc.constant(auditor)) },
  );
  return fc
    .record({ route: routes, id: id(targets.incidentId), query: queryString })
    .chain(({ route: [template, allowed], id: incident, query }) =>
      authorization(allowed, targets).map((auth) => ({ method: 'GET' as const, path: `${template.replace(':id', incident)}${query}`, headers: { Authorization: auth }, write: false, graphql: false })),
    );
}

const upperEnums = (value: unknown): unknown =>
  typeof value === 'string' && /^[a-z_]+$/.test(value) && ['armed_group', 'civilian', 'battle', 'killed', 'incremental', 'government', 'day', 'rescued'].includes(value)
    ? value.toUpperCase()
    : value;

function graphqlMutation(targets: FuzzTargets): fc.Arbitrary<FuzzRequest> {
  return fc.constantFrom(...Object.values(COMMANDS)).chain((command) =>
    fc
      .record({
        incidentId: fc.oneof(fc.constantFrom(targets.incidentId, targets.incidentId.toUpperCase()), hostileValue),
        recordId: fc.oneof(fc.constant(targets.recordId), hostileValue),
        input: fc.oneof({ weight: 6, arbitrary: body(command.fields, command.required) }, { weight: 1, arbitrary: hostileValue }),
        commandId: fc.option(hostileString),
        expectedRevision: fc.option(hostileValue),
        authorization: authorization(targets.tokens.writer, targets),
      })
      .map(({ authorization: auth, input, ...variables }) => {
        const ids = command.mutation === 'openIncident' ? [] : command.record ? ['incidentId', 'recordId'] : ['incidentId'];
        const declared = [...ids.map((name) => `$${name}: ID!`), `$input: ${command.input}`, '$commandId: ID', '$expectedRevision: String'].join(', ');
        const passed = [...ids, 'input', 'commandId', 'expectedRevision'].map((name) => `${name}: $${name}`).join(', ');
        const query = `mutation(${declared}) { ${command.mutation}(${passed}) { incidentId position } }`;
        const enums = input !== null && typeof input === 'object' && !Array.isArray(input) ? Object.fromEntries(Object.entries(input).map(([key, value]) => [key, upperEnums(value)])) : input;
        return graphqlRequest(query, { ...variables, input: enums }, auth, true);
      }),
  );
}

const QUERIES = [
  'query($id: ID!, $asOf: String, $first: Int, $after: String) { incident(id: $id) { id tally(asOf: $asOf) { arrests } timeline(first: $first, after: $after) { nextCursor } } }',
  'query($filter: IncidentFilter, $first: Int, $after: String, $consistentWith: String) { incidents(filter: $filter, first: $first, after: $after, consistentWith: $consistentWith) { nextCursor } }',
  'query($filter: IncidentFilter, $asOf: String) { tallies(filter: $filter, groupBy: [COUNTRY, DAY], asOf: $asOf) { incidents } }',
  'query($id: ID!, $first: Int, $after: String) { incidentHistory(id: $id, first: $first, after: $after) { nextCursor } }',
];

function graphqlQuery(targets: FuzzTargets): fc.Arbitrary<FuzzRequest> {
  const filter = fc.record({ country: field('MX'), admin1: field('Coahuila'), status: field('OPEN'), occurredFrom: field('2019-11-01'), occurredTo: field('2019-12-31T23:59:59Z') }, { requiredKeys: [] });
  return fc
    .record({
      query: fc.constantFrom(...QUERIES),
      id: fc.oneof(fc.constantFrom(targets.incidentId, targets.incidentId.toUpperCase()), hostileValue),
      filter: fc.oneof(filter, hostileValue),
      consistentWith: fc.option(hostileString.map(reachedOrInvalid)),
      asOf: fc.option(hostileValue),
      first: fc.option(hostileValue),
      after: fc.option(hostileValue),
    })
    .map(({ query, ...variables }) => graphqlRequest(query, variables, targets.tokens.admin, false));
}

function graphqlRequest(query: string, variables: Record<string, unknown>, authorization: string, write: boolean): FuzzRequest {
  return { method: 'POST', path: '/graphql', headers: { 'Content-Type': 'application/json', Authorization: authorization }, body: JSON.stringify({ query, variables }), write, graphql: true };
}

/** Broken GraphQL documents and envelopes, refused before any resolver runs. */
function graphqlRaw(targets: FuzzTargets): fc.Arbitrary<FuzzRequest> {
  const documents = fc.constantFrom(
    '{', '[]', '{"query":1}', '{"query":"{"}', '{"query":"mutation { openIncident }"}', '{"query":"{ incident(id: \\"\\ud800\\") { id } }"}',
    '{"query":"mutation { closeIncident(incidentId: \\"x\\") { position } }"}', '{"query":"{ __schema { types { fields { type { fields { type { name } } } } } } }"}',
    '{"query":"mutation($i: OpenIncidentInput!) { openIncident(input: $i) { position } }","variables":"x"}',
  );
  return documents.map((body) => ({ ...graphqlRequest('', {}, targets.tokens.writer, true), body }));
}

/** Any hostile request, weighted towards the writes (where a refusal must append nothing). */
export const fuzzRequest = (targets: FuzzTargets): fc.Arbitrary<FuzzRequest> =>
  fc.oneof(
    { weight: 5, arbitrary: restWrite(targets) },
    { weight: 3, arbitrary: restRead(targets) },
    { weight: 3, arbitrary: graphqlMutation(targets) },
    { weight: 1, arbitrary: graphqlQuery(targets) },
    { weight: 1, arbitrary: graphqlRaw(targets) },
  );
