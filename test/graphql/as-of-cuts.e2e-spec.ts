import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { DataSource } from 'typeorm';
import { AsOfTallyService } from '../../src/incidents/audit/as-of-tally.service.js';
import type { Tally } from '../../src/incidents/domain/tally.js';
import { MAX_ALIASES } from '../../src/incidents/api/graphql/query-limits.js';
import { statementsDuring } from '../support/statements-during.js';

/** The statements that read `table` (not the locks every as-of read takes on the projection's tables first). */
const reading = (statements: readonly string[], table: string) => statements.filter((statement) => !statement.startsWith('LOCK TABLE') && new RegExp(`\\b${table}\\b`).test(statement));
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { graphql } from './graphql-client.js';

const TALLY = `killed { total { best low high } byParty { party best low high bestSource numberOfSources sources { name figure } } }
  injured { total { best } } hostages { party taken released killed held } vehiclesSeized weaponsSeized arrests`;

/** Issue 17: many cuts of one incident's `tally(asOf:)` in one GraphQL operation (an as-of slider, an auditor stepping through revisions). */
describe('GraphQL: many as-of cuts of one incident in one operation', () => {
  let db: TestDatabase;
  let t: TestApp;
  let analyst: string;
  let incidentId: string;
  /** The position and record time of every write, in order (the opening first). */
  const writes: { position: string; recordedAt: string }[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    t = await startTestApp(db.url);
    analyst = t.bearer('analyst');
    const reporter = t.bearer('reporter');
    const write = async (path: string, body: object, method: 'post' | 'patch' = 'post') => {
      const response = await t.http[method](path).set('Authorization', reporter).send(body).expect((r) => expect(r.status).toBeLessThan(300));
      writes.push({ position: (response.body as { position: string }).position, recordedAt: '' });
      return response.body as { incidentId?: string; recordId?: string; sourceId?: string };
    };
    ({ incidentId } = (await write('/incidents', { title: 'Attack on Villa Unión', category: 'battle', occurredAt: '2019-11-30T12:00:00Z', location: { country: 'MX', admin1: 'Coahuila' } })) as { incidentId: string });
    const record = { occurredAt: '2019-11-30T13:00:00Z', party: 'police', outcome: 'killed', basis: 'cumulative' };
    const government = { name: 'Coahuila state government', kind: 'government' };
    const press = { name: 'EL SIGLO', kind: 'media' };
    const { recordId } = await write(`/incidents/${incidentId}/casualties`, { ...record, source: government, count: 4 });
    await write(`/incidents/${incidentId}/casualties`, { ...record, source: press, count: 9 });
    // From here on the press's spelling is a registered source's alias, rated below the government.
    const { sourceId } = await write('/sources', { name: 'El Siglo de Torreón', aliases: ['El Siglo'], kind: 'media', scale: 'regional', reliability: 'D' });
    await write(`/incidents/${incidentId}/records/${recordId}/correction`, { count: 6, reason: 'revised' });
    await write(`/incidents/${incidentId}/hostages/taken`, { occurredAt: '2019-11-30T13:00:00Z', source: government, party: 'civilian', count: 3 });
    await write(`/sources/${sourceId}`, { reliability: 'A' }, 'patch');
    await write(`/incidents/${incidentId}/casualties`, { ...record, source: { name: 'El Siglo de Torreón', kind: 'media' }, count: 11 });
    await write(`/incidents/${incidentId}/records/${recordId}/retraction`, { reason: 'withdrawn' });
    await graphql(t, analyst, `query($at: String) { incidents(first: 1, consistentWith: $at) { items { id } } }`, { at: writes.at(-1)!.position });
    // Read once all are projected: `$all` hands out only events no older transaction can still precede.
    const recordedAt = new Map((await t.store.readAll()).map((event) => [event.position.toString(), (event.metadata as { recordedAt: string }).recordedAt]));
    for (const write of writes) write.recordedAt = recordedAt.get(write.position)!;
  });
  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  /** Each write's position and record time, under policies that read the registry differently. */
  const cuts = () => writes.flatMap(({ position, recordedAt }) => [[position, 'LATEST'], [recordedAt, 'MOST_RELIABLE']]);
  const aliases = (asked: readonly string[][]) =>
    `query($id: ID!) { ${asked.map(([asOf, policy], n) => `a${n}: incident(id: $id) { tally(asOf: "${asOf}", bestPolicy: ${policy}) { ${TALLY} } }`).join(' ')} }`;

  it(`up to ${MAX_ALIASES} cuts in one operation: each the answer of its own operation and of the fold, the temporal rows read once`, async () => {
    const asked = cuts();
    expect(asked.length).toBeLessThanOrEqual(MAX_ALIASES);
    const { result: many, statements } = await statementsDuring(t.app.get(DataSource), () => graphql(t, analyst, aliases(asked), { id: incidentId }));
    expect(reading(statements, 'temporal_source_figures')).toHaveLength(1);
    const fold = t.app.get(AsOfTallyService);
    for (const [n, [asOf, bestPolicy]] of asked.entries()) {
      const alone = await graphql(t, analyst, aliases([[asOf, bestPolicy]]), { id: incidentId });
      const [folded] = (await fold.known({ asOf, incidentIds: [incidentId], bestPolicy: bestPolicy as 'LATEST' })).incidents;
      expect(many.data![`a${n}`]).toEqual(alone.data!.a0);
      const { killed, hostages } = alone.data!.a0.tally as { killed: Tally['killed']; hostages: Tally['hostages'] };
      expect([killed.total, killed.byParty.map(({ best, low, high }) => [best, low, high]), hostages.map(({ taken, held }) => [taken, held])]).toEqual([
        folded.tally.killed.total,
        folded.tally.killed.byParty.map(({ best, low, high }) => [best, low, high]),
        folded.tally.hostages.map(({ taken, held }) => [taken, held]),
      ]);
    }
    expect(many.errors).toBeUndefined();
    expect(many.data!.a2.tally.killed.total.best).toBe(4);
    expect(many.data![`a${asked.length - 2}`].tally.killed.total.best).toBe(11);
  });

  it('an asOf that does not parse is reported on its own field (INPUT.INVALID naming asOf), a moment before the opening on its own', async () => {
    const last = writes.at(-1)!.position;
    const invalid = await graphql(t, analyst, aliases([[writes[1].position, 'LATEST'], ['2019-W48', 'LATEST'], [last, 'LATEST']]), { id: incidentId });
    expect(invalid.errors).toEqual([expect.objectContaining({ path: ['a1', 'tally'], extensions: expect.objectContaining({ code: 'INPUT.INVALID', errors: [expect.objectContaining({ field: 'asOf' })] }) })]);
    const before = await graphql(t, analyst, aliases([[last, 'LATEST'], [String(BigInt(writes[0].position) - 1n), 'LATEST']]), { id: incidentId });
    expect(before.errors).toEqual([expect.objectContaining({ path: ['a1', 'tally'], extensions: expect.objectContaining({ code: 'INCIDENT.NOT_FOUND' }) })]);
  });

  it('tallyDiff aliases in one operation: each the answer of its own operation, the tallies at every cut read once, the records once for all pairs of cuts; a bad cut is its own field\'s error', async () => {
    const DIFF = 'tallyDiff(from: $from, to: $to) { from to casualties { party before { best } after { best } records { recordId change position } recordCount } hostages { party recordCount } }';
    const pairs = writes.slice(1).map(({ position }, n) => [writes[n].position, position]);
    const diffs = (asked: readonly string[][]) =>
      `query($id: ID!) { ${asked.map(([from, to], n) => `a${n}: incident(id: $id) { ${DIFF.replace('$from', `"${from}"`).replace('$to', `"${to}"`)} }`).join(' ')} }`;
    const { result: many, statements } = await statementsDuring(t.app.get(DataSource), () => graphql(t, analyst, diffs(pairs), { id: incidentId }));
    expect(many.errors).toBeUndefined();
    expect(reading(statements, 'temporal_source_figures')).toHaveLength(1);
    // Its own changes and those merges brought, between the earliest and the latest cut: each pair takes its own from them.
    expect(reading(statements, 'temporal_record_changes')).toHaveLength(2);
    // The bad cut fails its own field (null), and is the only error.
    const invalid = await graphql(t, analyst, diffs([...pairs, ['yesterday', writes[1].position]]), { id: incidentId });
    expect(invalid.errors).toEqual([expect.objectContaining({ path: [`a${pairs.length}`, 'tallyDiff'], extensions: expect.objectContaining({ code: 'INPUT.INVALID', errors: [expect.objectContaining({ field: 'from' })] }) })]);
    for (const [n, pair] of pairs.entries()) {
      const alone = await graphql(t, analyst, diffs([pair]), { id: incidentId });
      expect({ pair, alone: alone.data?.a0, errors: alone.errors }).toEqual({ pair, alone: many.data![`a${n}`], errors: undefined });
    }
    expect(pairs.filter((_, n) => many.data![`a${n}`].tallyDiff.casualties.length > 0)).not.toHaveLength(0);
  });

  it('windowed tallies of one incident in one operation fold its history read once, each the answer of its own operation', async () => {
    const windows = [['2019-11-29', '2019-11-30'], ['2019-11-30T12:30:00Z', undefined], [undefined, '2019-11-30T12:30:00Z'], ['2019-12-01', undefined]];
    const query = (asked: typeof windows) =>
      `query($id: ID!) { incident(id: $id) { ${asked.map(([from, to], n) => `w${n}: tally(${from ? `occurredFrom: "${from}" ` : ''}${to ? `occurredTo: "${to}"` : ''}) { ${TALLY} }`).join(' ')} } }`;
    const reads = jest.spyOn(t.store, 'readStreamIfAny');
    const many = await graphql(t, analyst, query(windows), { id: incidentId });
    expect(reads.mock.calls.filter(([stream]) => stream === `incident-${incidentId}`)).toHaveLength(1);
    reads.mockRestore();
    expect(many.errors).toBeUndefined();
    for (const [n, window] of windows.entries()) expect((await graphql(t, analyst, query([window]), { id: incidentId })).data!.incident.w0).toEqual(many.data!.incident[`w${n}`]);
    expect(new Set(windows.map((_, n) => JSON.stringify(many.data!.incident[`w${n}`]))).size).toBeGreaterThan(1);
  });

  it("a list's tally and tallyDiff at cuts before one of its incidents existed: that incident's fields are null with INCIDENT.NOT_FOUND at their path (REST's words), the others answer", async () => {
    const reporter = t.bearer('reporter');
    const opened = await t.http.post('/incidents').set('Authorization', reporter).send({ title: 'Ambush near Acuña', category: 'battle', occurredAt: '2019-12-01T08:00:00Z', location: { country: 'MX', admin1: 'Coahuila' } }).expect(201);
    const later = (opened.body as { incidentId: string }).incidentId;
    const [first, last] = [writes[0].position, writes.at(-1)!.position];
    const query = `query($at: String!, $from: String!) { incidents(first: 10, consistentWith: "${(opened.body as { position: string }).position}") { items { id tally(asOf: $at) { killed { total { best } } } tallyDiff(from: $from, to: $at) { casualties { party } } } } }`;
    const { data, errors } = await graphql(t, analyst, query, { at: last, from: first });
    const items = (data as { incidents: { items: { id: string; tally: unknown; tallyDiff: unknown }[] } }).incidents.items;
    const index = items.findIndex(({ id }) => id === later);
    expect(items.map(({ id }) => id).sort()).toEqual([incidentId, later].sort());
    expect(items[index]).toEqual({ id: later, tally: null, tallyDiff: null });
    expect(items[1 - index]).toEqual({ id: incidentId, tally: { killed: { total: { best: 11 } } }, tallyDiff: { casualties: [{ party: 'POLICE' }] } });
    const notFound = (field: string) => expect.objectContaining({ path: ['incidents', 'items', index, field], extensions: expect.objectContaining({ code: 'INCIDENT.NOT_FOUND' }) });
    expect(errors).toEqual(expect.arrayContaining([notFound('tally'), notFound('tallyDiff')]));
    expect(errors).toHaveLength(2);
    const rest = await t.http.get(`/incidents/${later}/tally?asOf=${last}`).set('Authorization', analyst).expect(404);
    expect(rest.body.detail).toBe(errors!.find(({ path }) => path?.at(-1) === 'tally')!.message);
  });
});
