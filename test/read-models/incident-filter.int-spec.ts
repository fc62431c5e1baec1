import fc from 'fast-check';
import { ActorDirectory } from '../../src/actors/domain/actor-directory.js';
import { DataSource, type Repository } from 'typeorm';
import { dataSourceOptions, runMigrations } from '../../src/database/data-source.js';
import { INCIDENT_STATUSES, type IncidentStatus } from '../../src/incidents/domain/events.js';
import { emptyTally } from '../../src/incidents/domain/tally-arithmetic.js';
import { filtered, type IncidentFilter, matchesFilter } from '../../src/incidents/read-models/incident-summary/incident-filter.js';
import { IncidentSummaryRow } from '../../src/incidents/read-models/incident-summary/incident-summary.entity.js';
import { summaryRowOf, WRITE_SUMMARIES } from '../../src/incidents/read-models/incident-summary/incident-summary.rows.js';
import { writeRows } from '../../src/projections/bulk-write.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/**
 * The incident filter is written twice on purpose: as SQL for the read model (`filtered`) and in
 * memory for incidents folded from history (`matchesFilter`, as-of tallies and exports). This holds
 * them to the same answer for any filter over incidents whose times sit on and around day edges.
 */
const COUNTRIES = ['MX', 'CO'];
const ADMIN1S = ['Coahuila', 'Sinaloa'];
const TIMES = [
  '2019-11-29T23:59:59.999Z', '2019-11-30T00:00:00.000Z', '2019-11-30T12:00:00.000Z', '2019-11-30T23:59:59.999Z', '2019-12-01T00:00:00.000Z',
  '2019-11-30T23:30:00-06:00', '2019-12-01T00:30:00+14:00', '2019-11-30',
];
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
  const incidents: { incidentId: string; country: string; admin1: string; status: IncidentStatus; occurredAt: string }[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    await runMigrations(db.url);
    dataSource = await new DataSource({ ...dataSourceOptions(db.url), entities: [IncidentSummaryRow] }).initialize();
    summaries = dataSource.getRepository(IncidentSummaryRow);
    let n = 0;
    for (const country of COUNTRIES) {
      for (const admin1 of ADMIN1S) {
        for (const status of INCIDENT_STATUSES) {
          for (const occurredAt of TIMES) {
            n += 1;
            incidents.push({ incidentId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`, country, admin1, status, occurredAt });
          }
        }
      }
    }
    const fields = (incident: (typeof incidents)[number]) => ({
      title: 'Incident', category: 'battle' as const, occurredAt: incident.occurredAt, datePrecision: 'exact' as const,
      location: { country: incident.country, admin1: incident.admin1, admin2: '', place: '', geoPrecision: 'admin1' as const }, description: '', tags: [],
    });
    const rows = incidents.map((incident, index) =>
      summaryRowOf({ incidentId: incident.incidentId, revision: 0n, position: BigInt(index + 1), fields: fields(incident), status: incident.status, tally: emptyTally }),
    );
    await writeRows(dataSource.manager, WRITE_SUMMARIES, rows);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  it('selects the same incidents for every filter', async () => {
    await fc.assert(
      fc.asyncProperty(filterArbitrary, async (filter) => {
        const selected = await filtered(summaries.createQueryBuilder('s'), filter).select('s.incidentId').getMany();
        const matched = incidents.filter((incident) => matchesFilter({ ...incident, actorIds: [] }, filter, new ActorDirectory()));
        expect(selected.map((row) => row.incidentId).sort()).toEqual(matched.map((row) => row.incidentId).sort());
      }),
      { numRuns: 150 },
    );
  });
});
