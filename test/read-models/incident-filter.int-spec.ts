import fc from 'fast-check';
import { DataSource, type Repository } from 'typeorm';
import { dataSourceOptions, runMigrations } from '../../src/database/data-source.js';
import { INCIDENT_STATUSES, type IncidentStatus } from '../../src/incidents/domain/events.js';
import { emptyTally } from '../../src/incidents/domain/tally-arithmetic.js';
import { filtered, type IncidentFilter, matchesFilter } from '../../src/incidents/read-models/incident-summary/incident-filter.js';
import { IncidentSummaryRow } from '../../src/incidents/read-models/incident-summary/incident-summary.entity.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/**
 * The incident filter is written twice on purpose: as SQL for the read model (`filtered`) and in
 * memory for incidents folded from history (`matchesFilter`, as-of tallies and exports). This holds
 * them to the same answer for any filter over incidents whose times sit on and around day edges.
 */
const COUNTRIES = ['MX', 'CO'];
const ADMIN1S = ['Coahuila', 'Sinaloa'];
const TIMES = ['2019-11-29T23:59:59.999Z', '2019-11-30T00:00:00.000Z', '2019-11-30T12:00:00.000Z', '2019-11-30T23:59:59.999Z', '2019-12-01T00:00:00.000Z'];
const BOUNDS = [...TIMES, '2019-11-30', '2019-12-01', '2019-11-30T12:00:00+02:00'];

const filterArbitrary: fc.Arbitrary<IncidentFilter> = fc.record(
  {
    country: fc.constantFrom(...COUNTRIES, 'mx', 'AR'),
    admin1: fc.constantFrom(...ADMIN1S),
    status: fc.constantFrom(...INCIDENT_STATUSES),
    occurredFrom: fc.constantFrom(...BOUNDS),
    occurredTo: fc.constantFrom(...BOUNDS),
  },
  { requiredKeys: [] },
);

describe('incident filter: SQL and in-memory forms agree', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let summaries: Repository<IncidentSummaryRow>;
  const rows: IncidentSummaryRow[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    await runMigrations(db.url);
    dataSource = await new DataSource({ ...dataSourceOptions(db.url), entities: [IncidentSummaryRow] }).initialize();
    summaries = dataSource.getRepository(IncidentSummaryRow);
    let n = 0;
    for (const country of COUNTRIES) {
      for (const admin1 of ADMIN1S) {
        for (const status of INCIDENT_STATUSES) {
          for (const time of TIMES) {
            n += 1;
            rows.push(summaries.create({
              incidentId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
              revision: '0', position: String(n), title: 'Incident', category: 'battle', occurredAt: new Date(time),
              country, admin1, admin2: '', place: '', lat: null, lon: null, description: '', tags: [], status,
              vehiclesSeized: 0, weaponsSeized: 0, arrests: 0, tally: emptyTally,
            }));
          }
        }
      }
    }
    await summaries.save(rows);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  it('selects the same incidents for every filter', async () => {
    await fc.assert(
      fc.asyncProperty(filterArbitrary, async (filter) => {
        const selected = await filtered(summaries.createQueryBuilder('s'), filter).select('s.incidentId').getMany();
        const matched = rows.filter((row) => matchesFilter({ ...row, status: row.status as IncidentStatus }, filter));
        expect(selected.map((row) => row.incidentId).sort()).toEqual(matched.map((row) => row.incidentId).sort());
      }),
      { numRuns: 150 },
    );
  });
});
