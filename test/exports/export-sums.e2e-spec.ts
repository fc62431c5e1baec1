import fc from 'fast-check';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { csvRecords, download } from './export-client.js';

const PARTIES = ['armed_group', 'police', 'military', 'civilian', 'unknown'] as const;
const COUNTRIES = ['MX', 'CO'] as const;
const ADMIN1 = ['North', 'South'] as const;

// Few parties and mostly killed, so that sources often disagree on a pair (low < best < high).
const report = fc.record({
  party: fc.constantFrom('armed_group', 'police', 'civilian'),
  outcome: fc.oneof({ weight: 4, arbitrary: fc.constant('killed') }, { weight: 1, arbitrary: fc.constant('injured') }),
  basis: fc.constantFrom('incremental', 'cumulative'),
  count: fc.integer({ min: 1, max: 40 }),
  source: fc.constantFrom('Government', 'Newspaper', 'Witness'),
});
const incident = fc.record({
  country: fc.constantFrom(...COUNTRIES),
  admin1: fc.constantFrom(...ADMIN1),
  day: fc.integer({ min: 1, max: 28 }),
  reports: fc.array(report, { maxLength: 6 }),
  close: fc.boolean(),
});
const day = fc.integer({ min: 1, max: 28 }).map((n) => `2019-11-${String(n).padStart(2, '0')}`);
/** A window that ends before it starts is refused (400): when both ends are given, the later day ends it. */
const filter = fc
  .record(
    {
      country: fc.constantFrom(...COUNTRIES),
      admin1: fc.constantFrom(...ADMIN1),
      status: fc.constantFrom('open', 'closed'),
      occurredFrom: day,
      occurredTo: day,
    },
    { requiredKeys: [] },
  )
  .map(({ occurredFrom, occurredTo, ...rest }) => {
    const [from, to] = occurredFrom !== undefined && occurredTo !== undefined ? [occurredFrom, occurredTo].sort() : [occurredFrom, occurredTo];
    return { ...rest, ...(from === undefined ? {} : { occurredFrom: from }), ...(to === undefined ? {} : { occurredTo: `${to}T23:59:59Z` }) };
  });

const sum = (rows: Record<string, string>[], column: string): number => rows.reduce((total, row) => total + Number(row[column]), 0);

describe('CSV killed columns sum to `tallies` for the same filter and asOf (property, PostgreSQL)', () => {
  let db: TestDatabase;
  let t: TestApp;

  beforeAll(async () => {
    db = await createTestDatabase();
    t = await startTestApp(db.url);
  });
  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  it('holds for random incidents, filters and asOf positions', async () => {
    const positions: string[] = [];
    const write = async (path: string, body: object) => {
      const { body: written } = await t.http.post(path).set('Authorization', t.bearer('reporter')).send(body).expect(201);
      positions.push(written.position);
      return written;
    };
    await fc.assert(
      fc.asyncProperty(fc.array(incident, { minLength: 1, maxLength: 3 }), filter, fc.option(fc.nat(), { nil: undefined }), async (incidents, filter, asOfIndex) => {
        for (const { country, admin1, day, reports, close } of incidents) {
          const occurredAt = `2019-11-${String(day).padStart(2, '0')}T12:00:00Z`;
          const { incidentId } = await write('/incidents', { title: 'Clash', category: 'battle', occurredAt, location: { country, admin1, admin2: 'A', place: 'P' } });
          for (const { source, ...facts } of reports) {
            await write(`/incidents/${incidentId}/casualties`, { ...facts, occurredAt, source: { name: source, kind: 'media' } });
          }
          if (close) await write(`/incidents/${incidentId}/close`, {});
        }
        const query = new URLSearchParams({ ...filter, consistentWith: positions.at(-1)! });
        if (asOfIndex !== undefined) query.set('asOf', positions[asOfIndex % positions.length]);
        const [group] = (await t.http.get(`/tallies?${query}`).set('Authorization', t.bearer('analyst')).expect(200)).body;
        const killed = group?.killed.total ?? { best: 0, low: 0, high: 0 };
        const csv = async (format: string) => csvRecords((await download(t, `/exports/incidents.csv?format=${format}&${query}`).expect(200)).body);
        const [native, acled, ucdp] = await Promise.all([csv('native'), csv('acled'), csv('ucdp')]);
        expect(native.length).toBe(group?.incidents ?? 0);
        expect({ best: sum(native, 'killed_best'), low: sum(native, 'killed_low'), high: sum(native, 'killed_high') }).toEqual(killed);
        expect(PARTIES.reduce((total, party) => total + sum(native, `killed_${party}`), 0)).toBe(killed.best);
        expect(sum(acled, 'fatalities')).toBe(killed.low);
        expect({ best: sum(ucdp, 'best'), low: sum(ucdp, 'low'), high: sum(ucdp, 'high') }).toEqual(killed);
        expect(sum(ucdp, 'deaths_a') + sum(ucdp, 'deaths_b') + sum(ucdp, 'deaths_civilians') + sum(ucdp, 'deaths_unknown')).toBe(killed.best);
      }),
      { numRuns: 15 },
    );
  });
});
