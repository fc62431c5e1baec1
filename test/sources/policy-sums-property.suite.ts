import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { systemClock } from '../../src/common/clock.js';
import { incidentStream } from '../../src/event-store/stream-names.js';
import { commandContext } from '../../src/common/commands/command-context.js';
import { openIncidentCommand } from '../../src/incidents/application/command-inputs.js';
import { IncidentCommandHandler, type IncidentCommandInput } from '../../src/incidents/application/incident-command-handler.js';
import { toIncidentEvent } from '../../src/incidents/stored-events/incident-events.js';
import { attributionOf } from '../../src/incidents/domain/attribution.js';
import { BEST_POLICIES } from '../../src/incidents/domain/best-policy.js';
import { BASES, PARTIES } from '../../src/incidents/domain/events.js';
import { stateOf } from '../../src/incidents/domain/incident.js';
import { ledgerOf } from '../../src/incidents/domain/record-ledger.js';
import { tallyOf } from '../../src/incidents/domain/tally.js';
import { IncidentSummaryRow } from '../../src/incidents/read-models/incident-summary/incident-summary.entity.js';
import { groupTallies, UNNAMED_ACTORS, type TallyGroup } from '../../src/incidents/domain/tally-groups.js';
import { TallyGroupQueries } from '../../src/incidents/read-models/incident-summary/tally-groups.queries.js';
import { SourceCommandHandler, type SourceCommandInput } from '../../src/sources/application/source-command-handler.js';
import { SourceRegistryLog } from '../../src/sources/stored-events/source-registry-log.js';
import { RELIABILITIES } from '../../src/sources/domain/events.js';
import { migratedHarness, type MigratedHarness } from '../projections/projection-harness.js';
import type { EventStoreUnderTest } from '../support/event-stores.js';

/** Ways to write one name that `sourceKey` reads as the same source (docs/sources.md). */
const SPELLINGS: readonly ((name: string) => string)[] = [
  (name) => name,
  (name) => name.normalize('NFD'),
  (name) => name.toUpperCase(),
  (name) => `  ${name.replaceAll(' ', '   ')} `,
];
const NAMES = 4;

/**
 * A run's registry: name `i` belongs to `owner[i]` (an earlier name or itself); a name that owns
 * itself is registered when `registered[i]` (with the names it owns as aliases), else every name it
 * owns stays unregistered, each its own source. `late`: registered after the records, not before.
 */
const registryArb = fc.record({
  owner: fc.tuple(...Array.from({ length: NAMES }, (_, i) => fc.nat(i))),
  registered: fc.array(fc.boolean(), { minLength: NAMES, maxLength: NAMES }),
  reliability: fc.array(fc.constantFrom(...RELIABILITIES), { minLength: NAMES, maxLength: NAMES }),
  late: fc.boolean(),
});
const reportArb = fc
  .record({ name: fc.nat(NAMES - 1), spelling: fc.nat(SPELLINGS.length - 1), party: fc.constantFrom(...PARTIES.slice(0, 3)), basis: fc.constantFrom(...BASES) })
  .chain((r) => fc.integer({ min: r.basis === 'cumulative' ? 0 : 1, max: 40 }).map((count) => ({ ...r, count })));
const incidentArb = fc.array(reportArb, { minLength: 1, maxLength: 8 });

type Registry = typeof registryArb extends fc.Arbitrary<infer T> ? T : never;
type Report = typeof reportArb extends fc.Arbitrary<infer T> ? T : never;

const context = () => commandContext({ actor: 'property' });

/**
 * docs/sources.md: "SQL sums must agree with the domain": for random registries (aliases merging names,
 * reliabilities, registered before or after the records) and random spellings of the names, the
 * cross-incident sums PostgreSQL computes under each best-figure policy equal the domain's grouping
 * of the per-incident tallies under that policy, and every figure keeps `low ≤ best ≤ high`.
 */
export function describePolicySumsProperty(name: string, eventStore: () => Promise<EventStoreUnderTest>) {
  describe(`tallies across incidents under every best-figure policy vs the domain (property, ${name})`, () => {
    let harness: MigratedHarness;
    let incidents: IncidentCommandHandler;
    let sources: SourceCommandHandler;
    let registryLog: SourceRegistryLog;

    beforeAll(async () => {
      harness = await migratedHarness(eventStore);
      harness.runner().start();
      incidents = new IncidentCommandHandler(harness.store, systemClock);
      registryLog = new SourceRegistryLog(harness.store);
      sources = new SourceCommandHandler(harness.store, registryLog, systemClock);
    });
    afterAll(async () => {
      await harness?.close();
    });

    it('sums per policy equal the sums of the domain tallies, with low ≤ best ≤ high', async () => {
      let run = 0;
      await fc.assert(
        fc.asyncProperty(registryArb, fc.array(incidentArb, { minLength: 1, maxLength: 3 }), async (registry, reports) => {
          // Each run's names and incidents of its own (a year apart): earlier runs' registrations and incidents stay out.
          const year = 1900 + run++;
          const names = Array.from({ length: NAMES }, (_, i) => `Fuente ${year} Fórmula ${i}`);
          if (!registry.late) await register(registry, names);
          let last = 0n;
          for (const incident of reports) last = await recordIncident(year, names, incident);
          if (registry.late) last = (await register(registry, names)) ?? last;
          await harness.waitFor(last);
          const ids: { incident_id: string }[] = await harness.dataSource.query('SELECT incident_id FROM incident_summaries WHERE occurred_at >= $1 AND occurred_at < $2', [`${year}-01-01`, `${year + 1}-01-01`]);
          const directory = await registryLog.directory();
          const histories = await Promise.all(ids.map(async ({ incident_id }) => (await harness.store.readStream(incidentStream(incident_id))).map(toIncidentEvent)));
          const queries = new TallyGroupQueries(harness.dataSource.getRepository(IncidentSummaryRow));
          const filter = { occurredFrom: `${year}-01-01`, occurredTo: `${year}-12-31` };
          for (const policy of BEST_POLICIES) {
            const pure = histories.map((events) => {
              const { fields } = stateOf(events);
              return { ...fields!.location, occurredAt: fields!.occurredAt, tally: tallyOf(events, { policy, directory }), attribution: attributionOf(ledgerOf(events)) };
            });
            for (const { tally } of pure) expectOrdered([tally]);
            for (const groupBy of [[], ['PARTY']] as const) {
              const sums = await queries.tallies(filter, groupBy, policy);
              expect(sums).toEqual(groupTallies(pure, groupBy, UNNAMED_ACTORS));
              expectOrdered(sums);
            }
          }
        }),
        { numRuns: 6 },
      );
    }, 300_000);

    /** Registers the run's registry; the position of its last registration (none: `undefined`). */
    async function register({ owner, registered, reliability }: Registry, names: readonly string[]): Promise<bigint | undefined> {
      let last: bigint | undefined;
      for (const [i, name] of names.entries()) {
        if (owner[i] !== i || !registered[i]) continue;
        const aliases = names.filter((_, j) => j !== i && owner[j] === i);
        const command: SourceCommandInput = { type: 'RegisterSource', data: { sourceId: randomUUID(), name, aliases, kind: 'media', scale: 'national', reliability: reliability[i] } };
        last = BigInt((await sources.execute(command, context())).position);
      }
      return last;
    }

    /** Opens an incident in `year` and reports its casualties; the position of its last event. */
    async function recordIncident(year: number, names: readonly string[], reports: readonly Report[]): Promise<bigint> {
      const incidentId = randomUUID();
      const occurredAt = `${year}-06-01T12:00:00Z`;
      const opened = await incidents.execute(openIncidentCommand({ incidentId, title: 'Generated', category: 'battle', occurredAt, location: { country: 'MX', admin1: 'Durango' } }, context()), context());
      let last = BigInt(opened.position);
      for (const { name, spelling, party, basis, count } of reports) {
        const data = { incidentId, recordId: randomUUID(), occurredAt, datePrecision: 'exact' as const, source: { name: SPELLINGS[spelling](names[name]), kind: 'media' as const }, party, outcome: 'killed' as const, count, basis };
        const command: IncidentCommandInput = { type: 'ReportCasualties', data };
        last = BigInt((await incidents.execute(command, context())).position);
      }
      return last;
    }
  });
}

/** Every party figure and total keeps `low ≤ best ≤ high` (docs/sources.md, for every policy). */
function expectOrdered(tallies: readonly Pick<TallyGroup, 'killed' | 'injured'>[]): void {
  for (const tally of tallies) {
    for (const figure of [tally.killed.total, tally.injured.total, ...tally.killed.byParty, ...tally.injured.byParty]) {
      expect(figure.low).toBeLessThanOrEqual(figure.best);
      expect(figure.best).toBeLessThanOrEqual(figure.high);
    }
  }
}
