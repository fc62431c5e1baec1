import fc from 'fast-check';
import { ActorDirectory } from '../../src/actors/domain/actor-directory.js';
import { ACTOR_TYPES, type ActorEvent } from '../../src/actors/domain/actor-events.js';
import { DataSource, type Repository } from 'typeorm';
import { dataSourceOptions, runMigrations } from '../../src/database/data-source.js';
import { countedOnce, type IncidentAsOf } from '../../src/incidents/audit/as-of.js';
import { attributionOf } from '../../src/incidents/domain/attribution.js';
import { CATEGORIES, INCIDENT_STATUSES, type ActorRole, type Party, type RecordEvent } from '../../src/incidents/domain/events.js';
import { ledgerOf } from '../../src/incidents/domain/record-ledger.js';
import { BEST_POLICIES, type BestPolicy } from '../../src/incidents/domain/best-policy.js';
import { type Tally, tallyOfLedger } from '../../src/incidents/domain/tally.js';
import { figureRowsOf, writeFigures } from '../../src/incidents/read-models/incident-figures/incident-figure.rows.js';
import { filterableOf, type IncidentFilter, matchesFilter } from '../../src/incidents/domain/incident-filter.js';
import { filtered } from '../../src/incidents/read-models/incident-summary/incident-filter.js';
import { IncidentSummaryRow } from '../../src/incidents/read-models/incident-summary/incident-summary.entity.js';
import { summaryRowOf, WRITE_SUMMARIES } from '../../src/incidents/read-models/incident-summary/incident-summary.rows.js';
import { writeRows } from '../../src/projections/bulk-write.js';
import { casualties, hostagesTaken } from '../support/incident-fixtures.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/**
 * The incident filter is written twice on purpose: as SQL for the read model (`filtered`) and in
 * memory for incidents folded from history (`matchesFilter`, as-of tallies and exports). This holds
 * them to the same answer for any filter over incidents whose times sit on and around day edges,
 * with actors attached in roles, named as perpetrators (also superseded ones), merged into another
 * actor, and incidents merged into others.
 */
const COUNTRIES = ['MX', 'CO'];
const ADMIN1S = ['Coahuila', 'Sinaloa'];
const TIMES = [
  '2019-11-29T23:59:59.999Z', '2019-11-30T00:00:00.000Z', '2019-11-30T12:00:00.000Z', '2019-11-30T23:59:59.999Z', '2019-12-01T00:00:00.000Z',
  '2019-11-30T23:30:00-06:00', '2019-12-01T00:30:00+14:00', '2019-11-30',
];
const BOUNDS = [...TIMES, '2019-11-30', '2019-12-01', '2019-11-30T12:00:00+02:00'];

const actorId = (n: number): string => `a0000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const [CARTEL, ALIAS, POLICE, REBEL, BYSTANDER] = [1, 2, 3, 4, 5].map(actorId);
/** The registry: ALIAS was merged into CARTEL; BYSTANDER is in no incident. */
const ACTOR_EVENTS: ActorEvent[] = [
  { type: 'ActorRegistered', data: { actorId: CARTEL, name: 'Cartel', aliases: [], actorType: 'political_militia' } },
  { type: 'ActorRegistered', data: { actorId: ALIAS, name: 'Alias', aliases: [], actorType: 'identity_militia' } },
  { type: 'ActorRegistered', data: { actorId: POLICE, name: 'Police', aliases: [], actorType: 'state_forces' } },
  { type: 'ActorRegistered', data: { actorId: REBEL, name: 'Rebels', aliases: [], actorType: 'rebel_group' } },
  { type: 'ActorRegistered', data: { actorId: BYSTANDER, name: 'Bystander', aliases: [], actorType: 'civilians' } },
  { type: 'ActorMerged', data: { actorId: ALIAS, into: CARTEL } },
];
const directory = new ActorDirectory();
for (const event of ACTOR_EVENTS) directory.add(event);

/** Who is attached to the n-th incident, in which role. */
const ATTACHED: [string, ActorRole][][] = [[[CARTEL, 'side_a']], [[ALIAS, 'perpetrator']], [[POLICE, 'side_b'], [CARTEL, 'target']], []];
const by = (record: RecordEvent, perpetratorActorId: string): RecordEvent => ({ ...record, data: { ...record.data, perpetratorActorId } }) as RecordEvent;
const killed = (n: number, party: Party) => casualties(n, { party, outcome: 'killed', count: 1, basis: 'incremental' });
/** The n-th incident's records, numbered from `first`: perpetrators on casualties and hostages, one superseded, some unattributed. */
const recordsOf = (n: number, first: number): RecordEvent[] =>
  [
    [by(killed(first, 'police'), REBEL)],
    [by(killed(first, 'civilian'), POLICE), by(killed(first + 1, 'civilian'), ALIAS)],
    [by(hostagesTaken(first, 'civilian', 2), REBEL), killed(first + 1, 'unknown')],
    [],
    [killed(first, 'military')],
  ][n % 5];

const filterArbitrary: fc.Arbitrary<IncidentFilter> = fc.record(
  {
    country: fc.constantFrom(...COUNTRIES, 'mx', 'AR'),
    admin1: fc.constantFrom(...ADMIN1S),
    status: fc.constantFrom(...INCIDENT_STATUSES),
    category: fc.constantFrom(...CATEGORIES.slice(0, 3)),
    occurredFrom: fc.constantFrom(...BOUNDS),
    occurredTo: fc.constantFrom(...BOUNDS),
    actorId: fc.constantFrom(CARTEL, ALIAS, POLICE, REBEL, BYSTANDER),
    actorType: fc.constantFrom(...ACTOR_TYPES),
  },
  { requiredKeys: [] },
);

/** The filter reads no policy's figure: every policy may hold the same tally. */
const everyPolicy = (tally: Tally) => Object.fromEntries(BEST_POLICIES.map((policy) => [policy, tally])) as Record<BestPolicy, Tally>;

describe('incident filter: SQL and in-memory forms agree', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let summaries: Repository<IncidentSummaryRow>;
  /** Incidents as the in-memory filter sees them, each attack once (`countedOnce`), as the read model's rows hold them. */
  let counted: IncidentAsOf[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    await runMigrations(db.url);
    dataSource = await new DataSource({ ...dataSourceOptions(db.url), entities: [IncidentSummaryRow] }).initialize();
    summaries = dataSource.getRepository(IncidentSummaryRow);
    const incidents: IncidentAsOf[] = [];
    for (const country of COUNTRIES) {
      for (const admin1 of ADMIN1S) {
        for (const status of INCIDENT_STATUSES) {
          for (const occurredAt of TIMES) {
            const n = incidents.length;
            const incidentId = `00000000-0000-4000-8000-${String(n + 1).padStart(12, '0')}`;
            const records = ledgerOf(recordsOf(n, n * 10 + 1));
            incidents.push({
              incidentId, status, revision: 0n, position: BigInt(n + 1), records,
              fields: {
                title: 'Incident', category: CATEGORIES[n % 3], occurredAt, datePrecision: 'exact',
                location: { country, admin1, admin2: '', place: '', geoPrecision: 'admin1' }, description: '', tags: [],
              },
              tally: tallyOfLedger(records), attribution: attributionOf(records), actors: new Map(ATTACHED[n % ATTACHED.length]),
              // Two of every seven were merged into the incident before them, the second of them into the first (a chain).
              mergedInto: n % 7 === 6 || n % 7 === 5 ? `00000000-0000-4000-8000-${String(n).padStart(12, '0')}` : undefined,
            });
          }
        }
      }
    }
    counted = countedOnce(incidents);
    // The read model's rows: merged incidents keep their own tally; survivors count theirs too.
    const rows = [...counted, ...incidents.filter((incident) => incident.mergedInto !== undefined)];
    await writeRows(dataSource.manager, WRITE_SUMMARIES, rows.map(summaryRowOf));
    await dataSource.transaction((manager) => writeFigures(manager, rows.map((incident) => ({ incidentId: incident.incidentId, before: undefined, after: figureRowsOf(incident.incidentId, everyPolicy(incident.tally), incident.attribution) }))));
    for (const event of ACTOR_EVENTS.filter((event) => event.type === 'ActorRegistered')) {
      await dataSource.query('INSERT INTO actors (actor_id, revision, position, name, aliases, actor_type, survivor_id) VALUES ($1, 0, 1, $2, $3, $4, $5)', [
        event.data.actorId, event.data.name, [], event.data.actorType, directory.survivorOf(event.data.actorId),
      ]);
    }
    for (const { incidentId, actors } of incidents) {
      for (const [attached, role] of actors) await dataSource.query('INSERT INTO incident_actors (incident_id, actor_id, role, position) VALUES ($1, $2, $3, 1)', [incidentId, attached, role]);
    }
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  it('selects the same incidents for every filter', async () => {
    await fc.assert(
      fc.asyncProperty(filterArbitrary, async (filter) => {
        const selected = await filtered(summaries.createQueryBuilder('s'), filter).select('s.incidentId').getMany();
        const matched = counted.filter((incident) => matchesFilter(filterableOf(incident), filter, directory));
        expect(selected.map((row) => row.incidentId).sort()).toEqual(matched.map((row) => row.incidentId).sort());
      }),
      { numRuns: 150 },
    );
  });
});
