import fc from 'fast-check';
import { DataSource } from 'typeorm';
import { ActorDirectory } from '../../src/actors/domain/actor-directory.js';
import { ACTOR_TYPES, type ActorEvent } from '../../src/actors/domain/actor-events.js';
import { countedOnce, type IncidentAsOf } from '../../src/incidents/audit/as-of.js';
import { attributionOf } from '../../src/incidents/domain/attribution.js';
import { BEST_POLICIES, type BestPolicy } from '../../src/incidents/domain/best-policy.js';
import { BASES, CATEGORIES, INCIDENT_STATUSES, OUTCOMES, PARTIES, type ActorRole, type RecordEvent } from '../../src/incidents/domain/events.js';
import { filterableOf, type IncidentFilter, invertedWindow, matchesFilter } from '../../src/incidents/domain/incident-filter.js';
import { ledgerOf } from '../../src/incidents/domain/record-ledger.js';
import { GROUP_BY, groupTallies } from '../../src/incidents/domain/tally-groups.js';
import { tallyOfLedger, type Tally, type TallyView } from '../../src/incidents/domain/tally.js';
import { FIGURE_TABLES, figureRowsOf, writeFigures } from '../../src/incidents/read-models/incident-figures/incident-figure.rows.js';
import { filtered } from '../../src/incidents/read-models/incident-summary/incident-filter.js';
import { IncidentSummaryRow } from '../../src/incidents/read-models/incident-summary/incident-summary.entity.js';
import { summaryRowOf, WRITE_SUMMARIES } from '../../src/incidents/read-models/incident-summary/incident-summary.rows.js';
import { TallyGroupQueries } from '../../src/incidents/read-models/incident-summary/tally-groups.queries.js';
import { writeRows } from '../../src/projections/bulk-write.js';
import { directoryOf } from '../../src/sources/domain/source-directory.js';
import { arrests, casualties, hostagesTaken, weaponsSeized } from '../support/incident-fixtures.js';
import { testDataSource, type TestDataSource } from '../support/test-database.js';

/**
 * The incident filter and the tallies across incidents are written twice on purpose: in the domain
 * (`matchesFilter`, `groupTallies`: as-of tallies and exports) and as SQL over the read model
 * (`filtered`, `TallyGroupQueries`). For random incidents (times on and around day edges, actors
 * attached in roles and named as perpetrators, one merged into another actor, incidents merged into
 * others, sources of several reliabilities) and random filters over every field, this holds the SQL
 * to the domain's answer: the same incidents, and the same groups under every grouping dimension and
 * every best-figure policy.
 */
const COUNTRIES = ['MX', 'CO'];
const ADMIN1S = ['Coahuila', 'Sinaloa'];
const TIMES = [
  '2019-11-29T23:59:59.999Z', '2019-11-30T00:00:00.000Z', '2019-11-30T12:00:00.000Z', '2019-11-30T23:59:59.999Z', '2019-12-01T00:00:00.000Z',
  '2019-11-30T23:30:00-06:00', '2019-12-01T00:30:00+14:00', '2019-11-30',
];
const BOUNDS = [...TIMES, '2019-12-01', '2019-11-30T12:00:00+02:00'];

const actorId = (n: number): string => `a0000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const [CARTEL, ALIAS, POLICE, REBEL, BYSTANDER] = [1, 2, 3, 4, 5].map(actorId);
const ACTORS = [CARTEL, ALIAS, POLICE, REBEL, BYSTANDER];
/** The registry: ALIAS was merged into CARTEL; BYSTANDER is in no record. */
const ACTOR_EVENTS: ActorEvent[] = [
  { type: 'ActorRegistered', data: { actorId: CARTEL, name: 'Cartel', aliases: [], actorType: 'political_militia' } },
  { type: 'ActorRegistered', data: { actorId: ALIAS, name: 'Alias', aliases: [], actorType: 'identity_militia' } },
  { type: 'ActorRegistered', data: { actorId: POLICE, name: 'Police', aliases: [], actorType: 'state_forces' } },
  { type: 'ActorRegistered', data: { actorId: REBEL, name: 'Rebels', aliases: [], actorType: 'rebel_group' } },
  { type: 'ActorRegistered', data: { actorId: BYSTANDER, name: 'Bystander', aliases: [], actorType: 'civilians' } },
  { type: 'ActorMerged', data: { actorId: ALIAS, into: CARTEL } },
];
const actors = new ActorDirectory();
for (const event of ACTOR_EVENTS) actors.add(event);

/** Sources of different reliabilities (one unregistered), so the policies choose different `best` figures. */
const SOURCE_NAMES = ['Gobierno', 'Periódico', 'Testigo'];
const sources = directoryOf(
  (['A', 'D'] as const).map((reliability, i) => ({ type: 'SourceRegistered', data: { sourceId: actorId(10 + i), name: SOURCE_NAMES[i], aliases: [], kind: 'media', scale: 'national', reliability } })),
);

const PERPETRATORS = [CARTEL, ALIAS, POLICE, REBEL, undefined];
const recordArbitrary = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('casualties' as const), party: fc.constantFrom(...PARTIES.slice(0, 3)), outcome: fc.constantFrom(...OUTCOMES), basis: fc.constantFrom(...BASES), count: fc.integer({ min: 1, max: 20 }), source: fc.nat(2), by: fc.nat(4) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('hostages' as const), party: fc.constantFrom(...PARTIES.slice(0, 3)), count: fc.integer({ min: 1, max: 5 }), by: fc.nat(4) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constantFrom('arrests' as const, 'weapons' as const), count: fc.integer({ min: 1, max: 9 }) }) },
);
const incidentArbitrary = fc.record({
  country: fc.constantFrom(...COUNTRIES),
  admin1: fc.constantFrom(...ADMIN1S),
  status: fc.constantFrom(...INCIDENT_STATUSES),
  category: fc.constantFrom(...CATEGORIES.slice(0, 3)),
  occurredAt: fc.constantFrom(...TIMES),
  attached: fc.uniqueArray(fc.tuple(fc.constantFrom(...ACTORS), fc.constantFrom<ActorRole>('side_a', 'side_b', 'target')), { maxLength: 2, selector: ([id]) => id }),
  records: fc.array(recordArbitrary, { maxLength: 6 }),
  /** Merged into the incident before it (a chain when that one was merged too). */
  merged: fc.boolean(),
});
type GeneratedRecord = typeof recordArbitrary extends fc.Arbitrary<infer T> ? T : never;

/** A filter of up to three of its fields (with more, few incidents match and the sums compare little); a window that ends before it starts is refused, so its ends are taken in order. */
const filterArbitrary: fc.Arbitrary<IncidentFilter> = fc
  .tuple(
    fc.record({
      country: fc.constantFrom(...COUNTRIES, 'mx', 'AR'),
      admin1: fc.constantFrom(...ADMIN1S),
      status: fc.constantFrom(...INCIDENT_STATUSES),
      category: fc.constantFrom(...CATEGORIES.slice(0, 3)),
      occurredFrom: fc.constantFrom(...BOUNDS),
      occurredTo: fc.constantFrom(...BOUNDS),
      actorId: fc.constantFrom(...ACTORS),
      actorType: fc.constantFrom(...ACTOR_TYPES),
    }),
    fc.subarray(['country', 'admin1', 'status', 'category', 'occurredFrom', 'occurredTo', 'actorId', 'actorType'] as const, { maxLength: 3 }),
  )
  .map(([values, fields]) => {
    const filter: IncidentFilter = Object.fromEntries(fields.map((field) => [field, values[field]]));
    const { occurredFrom: from, occurredTo: to } = filter;
    return invertedWindow(from, to) ? { ...filter, occurredFrom: to, occurredTo: from } : filter;
  });

function recordOf(record: GeneratedRecord, n: number): RecordEvent {
  const by = (event: RecordEvent, perpetratorActorId: string | undefined): RecordEvent =>
    perpetratorActorId === undefined ? event : ({ ...event, data: { ...event.data, perpetratorActorId } } as RecordEvent);
  switch (record.kind) {
    case 'casualties': {
      const { party, outcome, basis, count } = record;
      return by(casualties(n, { party, outcome, basis, count }, { name: SOURCE_NAMES[record.source], kind: 'media' }), PERPETRATORS[record.by]);
    }
    case 'hostages':
      return by(hostagesTaken(n, record.party, record.count), PERPETRATORS[record.by]);
    case 'arrests':
      return arrests(n, record.count);
    case 'weapons':
      return weaponsSeized(n, record.count);
  }
}

type Generated = typeof incidentArbitrary extends fc.Arbitrary<infer T> ? T : never;

/** The generated incidents, each with its own tally under `policy`, as folded from history. */
function incidentsOf(generated: readonly Generated[], policy: BestPolicy): IncidentAsOf[] {
  const incidentId = (n: number) => `00000000-0000-4000-8000-${String(n + 1).padStart(12, '0')}`;
  return generated.map(({ country, admin1, status, category, occurredAt, attached, records, merged }, n) => {
    const ledger = ledgerOf(records.map((record, index) => recordOf(record, n * 10 + index + 1)));
    return {
      incidentId: incidentId(n), status, revision: 0n, position: BigInt(n + 1), records: ledger,
      fields: { title: 'Incident', category, occurredAt, datePrecision: 'exact', location: { country, admin1, admin2: '', place: '', geoPrecision: 'admin1' }, description: '', tags: [] },
      tally: tallyOfLedger(ledger, view(policy)), attribution: attributionOf(ledger), actors: new Map(attached),
      mergedInto: merged && n > 0 ? incidentId(n - 1) : undefined,
    };
  });
}

const view = (policy: BestPolicy): TallyView => ({ policy, directory: sources });

describe('incident filter and tallies across incidents: SQL and domain agree (property)', () => {
  let db: TestDataSource;
  let dataSource: DataSource;
  let queries: TallyGroupQueries;

  beforeAll(async () => {
    db = await testDataSource({ entities: [IncidentSummaryRow] });
    dataSource = db.dataSource;
    queries = new TallyGroupQueries(dataSource.getRepository(IncidentSummaryRow));
    for (const event of ACTOR_EVENTS.filter((event) => event.type === 'ActorRegistered')) {
      await dataSource.query('INSERT INTO actors (actor_id, revision, position, name, aliases, actor_type, survivor_id) VALUES ($1, 0, 1, $2, $3, $4, $5)', [
        event.data.actorId, event.data.name, [], event.data.actorType, actors.survivorOf(event.data.actorId),
      ]);
    }
  });

  afterAll(async () => {
    await db?.close();
  });

  /** The incidents as the read model's rows hold them under `policy`: a survivor counts what was merged into it; a merged one keeps its own tally. */
  const rowsOf = (incidents: readonly IncidentAsOf[], policy: BestPolicy): IncidentAsOf[] => [
    ...countedOnce(incidents, view(policy)),
    ...incidents.filter(({ mergedInto }) => mergedInto !== undefined),
  ];

  /** Replaces the read model's rows with the generated incidents', as the projection writes them: the summary's tally the `LATEST` one, the figure rows every policy's. */
  async function store(generated: readonly Generated[]): Promise<void> {
    await dataSource.query(`TRUNCATE incident_summaries, incident_actors, ${FIGURE_TABLES.join(', ')}`);
    const under = BEST_POLICIES.map((policy) => [policy, new Map(rowsOf(incidentsOf(generated, policy), policy).map((row) => [row.incidentId, row.tally]))] as const);
    const talliesOf = (incidentId: string) => Object.fromEntries(under.map(([policy, tallies]) => [policy, tallies.get(incidentId)!])) as Record<BestPolicy, Tally>;
    const incidents = incidentsOf(generated, 'LATEST');
    const rows = rowsOf(incidents, 'LATEST');
    await writeRows(dataSource.manager, WRITE_SUMMARIES, rows.map(summaryRowOf));
    await dataSource.transaction((manager) =>
      writeFigures(manager, rows.map(({ incidentId, attribution }) => ({ incidentId, before: undefined, after: figureRowsOf(incidentId, talliesOf(incidentId), attribution) }))),
    );
    for (const { incidentId, actors: attached } of incidents) {
      for (const [attachedId, role] of attached) await dataSource.query('INSERT INTO incident_actors (incident_id, actor_id, role, position) VALUES ($1, $2, $3, 1)', [incidentId, attachedId, role]);
    }
  }

  it('selects the same incidents, and sums them into the same groups, for every filter, grouping and best-figure policy', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(incidentArbitrary, { minLength: 1, maxLength: 8 }), fc.array(filterArbitrary, { minLength: 6, maxLength: 6 }), fc.subarray([...GROUP_BY]), fc.constantFrom(...BEST_POLICIES), async (generated, filters, combined, everyDimension) => {
        await store(generated);
        const matching = (filter: IncidentFilter, policy: BestPolicy) =>
          countedOnce(incidentsOf(generated, policy), view(policy)).filter((incident) => matchesFilter(filterableOf(incident), filter, actors));
        // Filters are cheap to compare: several per run; the sums under the first.
        for (const filter of filters) {
          const selected = await filtered(dataSource.getRepository(IncidentSummaryRow).createQueryBuilder('s'), filter).select('s.incidentId').getMany();
          expect(selected.map((row) => row.incidentId).sort()).toEqual(matching(filter, 'LATEST').map((incident) => incident.incidentId).sort());
        }
        const [filter] = filters;
        // Every policy with a random combination of dimensions; one of them also with each dimension alone.
        for (const policy of BEST_POLICIES) {
          const groupable = matching(filter, policy).map(({ fields, tally, attribution }) => ({ ...fields.location, occurredAt: fields.occurredAt, tally, attribution }));
          for (const groupBy of [combined, ...(policy === everyDimension ? GROUP_BY.map((dimension) => [dimension]) : [])]) {
            expect(await queries.tallies(filter, groupBy, policy)).toEqual(groupTallies(groupable, groupBy, actors));
          }
        }
      }),
      { numRuns: 24 },
    );
  }, 300_000);
});
