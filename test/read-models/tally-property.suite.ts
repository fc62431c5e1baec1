import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { systemClock } from '../../src/common/clock.js';
import { commandContext } from '../../src/common/commands/command-context.js';
import { openIncidentCommand } from '../../src/incidents/application/command-inputs.js';
import { IncidentCommandHandler, type IncidentCommandInput } from '../../src/incidents/application/incident-command-handler.js';
import { DomainError } from '../../src/incidents/domain/domain-error.js';
import { BASES, OUTCOMES, PARTIES, RELEASE_HOWS, type Source } from '../../src/incidents/domain/events.js';
import { stateOf } from '../../src/incidents/domain/incident.js';
import { tallyOf } from '../../src/incidents/domain/tally.js';
import { attributionOf } from '../../src/incidents/domain/attribution.js';
import { ledgerOf } from '../../src/incidents/domain/record-ledger.js';
import { ActorCommandHandler } from '../../src/actors/application/actor-command-handler.js';
import { incidentStream } from '../../src/event-store/stream-names.js';
import { toIncidentEvent } from '../../src/incidents/stored-events/incident-events.js';
import { IncidentSummaryRow } from '../../src/incidents/read-models/incident-summary/incident-summary.entity.js';
import { groupTallies, type GroupBy, UNNAMED_ACTORS } from '../../src/incidents/domain/tally-groups.js';
import { TallyGroupQueries } from '../../src/incidents/read-models/incident-summary/tally-groups.queries.js';
import type { EventStore } from '../../src/event-store/event-store.port.js';
import type { EventStoreUnderTest } from '../support/event-stores.js';
import { migratedHarness, type MigratedHarness } from '../projections/projection-harness.js';
import { expectReadModelsToEqualPureTallies } from '../projections/read-model-expectations.js';

const SOURCES: Source[] = [
  { name: 'Government', kind: 'government' },
  { name: 'Newspaper', kind: 'media' },
  { name: 'Witness', kind: 'witness' },
];
const AT = '2019-11-30T12:00:00.000Z';
/** Perpetrators casualty and hostage records may name (registered before the runs); index 3: none. */
export const PERPETRATORS = ['d0000000-0000-4000-8000-000000000001', 'd0000000-0000-4000-8000-000000000002', 'd0000000-0000-4000-8000-000000000003', undefined];

/** A command in terms the generator can pick freely; `target` picks an earlier record for corrections and retractions. */
export const step = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('casualties' as const), party: fc.constantFrom(...PARTIES), outcome: fc.constantFrom(...OUTCOMES), basis: fc.constantFrom(...BASES), count: fc.integer({ min: 1, max: 30 }), source: fc.nat(2), by: fc.nat(3) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constantFrom('taken' as const, 'released' as const, 'hostagesKilled' as const), party: fc.constantFrom(...PARTIES), count: fc.integer({ min: 1, max: 5 }), how: fc.constantFrom(...RELEASE_HOWS), source: fc.nat(2), by: fc.nat(3) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constantFrom('vehicles' as const, 'weapons' as const, 'arrests' as const, 'note' as const), count: fc.integer({ min: 1, max: 9 }), source: fc.nat(2) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('correct' as const), target: fc.nat(), count: fc.integer({ min: 0, max: 30 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('retract' as const), target: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constantFrom('close' as const, 'reopen' as const) }) },
);
export type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;

function commandOf(incidentId: string, s: Step, records: string[]): IncidentCommandInput {
  const base = () => ({ incidentId, recordId: randomUUID(), occurredAt: AT, datePrecision: 'exact' as const, source: SOURCES['source' in s ? s.source : 0] });
  const perpetrator = () => ('by' in s && PERPETRATORS[s.by] !== undefined ? { perpetratorActorId: PERPETRATORS[s.by] } : {});
  const target = () => records['target' in s ? s.target % Math.max(records.length, 1) : 0] ?? randomUUID();
  switch (s.kind) {
    case 'casualties':
      return { type: 'ReportCasualties', data: { ...base(), party: s.party, outcome: s.outcome, count: s.count, basis: s.basis, ...perpetrator() } };
    case 'taken':
      return { type: 'RecordHostagesTaken', data: { ...base(), party: s.party, count: s.count, ...perpetrator() } };
    case 'released':
      return { type: 'RecordHostagesReleased', data: { ...base(), party: s.party, count: s.count, how: s.how, ...perpetrator() } };
    case 'hostagesKilled':
      return { type: 'RecordHostagesKilled', data: { ...base(), party: s.party, count: s.count, ...perpetrator() } };
    case 'vehicles':
      return { type: 'RecordVehiclesSeized', data: { ...base(), count: s.count, vehicleKind: 'pickup' } };
    case 'weapons':
      return { type: 'RecordWeaponsSeized', data: { ...base(), count: s.count, weaponKind: 'rifle' } };
    case 'arrests':
      return { type: 'RecordArrests', data: { ...base(), count: s.count } };
    case 'note':
      return { type: 'AddTimelineNote', data: { ...base(), text: `Note ${s.count}` } };
    case 'correct':
      return { type: 'CorrectRecord', data: { incidentId, recordId: target(), count: s.count, reason: 'revised' } };
    case 'retract':
      return { type: 'RetractRecord', data: { incidentId, recordId: target(), reason: 'withdrawn' } };
    case 'close':
      return { type: 'CloseIncident', data: { incidentId } };
    case 'reopen':
      return { type: 'ReopenIncident', data: { incidentId } };
  }
}

/** Runs against the event store `eventStore()` gives, as the command handler and the projection see it. */
export function describeTallyProperty(name: string, eventStore: () => Promise<EventStoreUnderTest>) {
  describe(`read models vs the pure tally (property, ${name})`, () => {
    let harness: MigratedHarness;
    let handler: IncidentCommandHandler;

    beforeAll(async () => {
      harness = await migratedHarness(eventStore);
      harness.runner().start();
      handler = new IncidentCommandHandler(harness.store, systemClock);
      await registerPerpetrators(harness.store);
    });
    afterAll(async () => {
      await harness?.close();
    });

    it('random valid command sequences through the command handler project to the tally of their events', async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 25 }), async (steps) => {
          const incidentId = randomUUID();
          await harness.waitFor(await recordIncident(handler, { incidentId, occurredAt: AT, location: { country: 'MX', admin1: 'Coahuila' } }, steps));
          await expectReadModelsToEqualPureTallies(harness, [incidentId]);
        }),
        { numRuns: 40 },
      );
    });

    it('tallies across incidents, summed by PostgreSQL, equal the domain grouping the pure tallies', async () => {
      const incident = fc.record({ country: fc.constantFrom('MX', 'CO'), admin1: fc.constantFrom('Coahuila', 'Sinaloa'), day: fc.nat(400), steps: fc.array(step, { maxLength: 10 }) });
      let run = 0;
      await fc.assert(
        fc.asyncProperty(fc.array(incident, { minLength: 1, maxLength: 5 }), async (incidents) => {
          // Each run's incidents in a year of their own: the filter leaves out the earlier runs'.
          const year = 1900 + run++;
          const ids = incidents.map(() => randomUUID());
          let last = 0n;
          for (const [index, { country, admin1, day, steps }] of incidents.entries()) {
            const occurredAt = new Date(Date.UTC(year, 0, 1 + (day % 365))).toISOString();
            last = await recordIncident(handler, { incidentId: ids[index], occurredAt, location: { country, admin1 } }, steps);
          }
          await harness.waitFor(last);
          const pure = await Promise.all(
            ids.map(async (id) => {
              const events = (await harness.store.readStream(incidentStream(id))).map(toIncidentEvent);
              const { fields } = stateOf(events);
              const [tally, attribution] = [tallyOf(events), attributionOf(ledgerOf(events))];
              return { country: fields!.location.country, admin1: fields!.location.admin1, occurredAt: fields!.occurredAt, tally, attribution };
            }),
          );
          const queries = new TallyGroupQueries(harness.dataSource.getRepository(IncidentSummaryRow));
          const filter = { occurredFrom: `${year}-01-01T00:00:00Z`, occurredTo: `${year}-12-31T23:59:59Z` };
          for (const groupBy of GROUPINGS) {
            expect(await queries.tallies(filter, groupBy)).toEqual(groupTallies(pure, groupBy, UNNAMED_ACTORS));
          }
          expect(await queries.tallies({ ...filter, country: 'MX' }, ['PARTY'])).toEqual(groupTallies(pure.filter((i) => i.country === 'MX'), ['PARTY'], UNNAMED_ACTORS));
          // docs/actors.md: the ACTOR groups, the unattributed one included, sum to the ungrouped totals.
          const [all] = await queries.tallies(filter, []);
          const byActor = await queries.tallies(filter, ['ACTOR']);
          for (const figure of ['killed', 'injured'] as const) {
            for (const spread of ['best', 'low', 'high'] as const) {
              expect(byActor.reduce((sum, group) => sum + group[figure].total[spread], 0)).toBe(all[figure].total[spread]);
            }
          }
          const held = (groups: typeof byActor) => groups.flatMap((group) => group.hostages).reduce((sum, h) => sum + h.taken + h.held, 0);
          expect(held(byActor)).toBe(held([all]));
        }),
        { numRuns: 15 },
      );
    });
  });
}

export const GROUPINGS: GroupBy[][] = [[], ['COUNTRY'], ['ADMIN1', 'PARTY'], ['PARTY', 'MONTH'], ['DAY', 'COUNTRY', 'PARTY'], ['ACTOR'], ['ACTOR', 'PARTY'], ['COUNTRY', 'ACTOR']];

/** Registers the actors of `PERPETRATORS`, so that records may name them. */
export async function registerPerpetrators(store: EventStore): Promise<void> {
  const actors = new ActorCommandHandler(store, systemClock);
  for (const [index, actorId] of PERPETRATORS.entries()) {
    if (actorId === undefined) continue;
    const data = { actorId, name: `Actor ${index}`, aliases: [], actorType: 'political_militia' as const };
    await actors.execute({ type: 'RegisterActor', data }, commandContext({ actor: 'test' }));
  }
}

/** Opens an incident and runs `steps` on it through the command handler; the position of its last event. */
export async function recordIncident(
  handler: IncidentCommandHandler,
  { incidentId, occurredAt, location }: { incidentId: string; occurredAt: string; location: { country: string; admin1: string } },
  steps: readonly Step[],
): Promise<bigint> {
  const opened = await execute(handler, openIncidentCommand({ incidentId, title: 'Generated', category: 'battle', occurredAt, location }, commandContext({ actor: 'property' })));
  return (await recordSteps(handler, incidentId, steps)) ?? BigInt(opened!.position);
}

/** Runs `steps` on the incident (corrections and retractions target the records these report); the last accepted one's position, if any. */
export async function recordSteps(handler: IncidentCommandHandler, incidentId: string, steps: readonly Step[]): Promise<bigint | undefined> {
  let last: string | undefined;
  const records: string[] = [];
  for (const s of steps) {
    const command = commandOf(incidentId, s, records);
    const result = await execute(handler, command);
    if (result?.recordId && !['CorrectRecord', 'RetractRecord'].includes(command.type)) records.push(result.recordId);
    last = result?.position ?? last;
  }
  return last === undefined ? undefined : BigInt(last);
}

/** Runs a command; `undefined` when the rules reject it (a release beyond those held, a record of a closed incident…), which appends nothing. */
async function execute(handler: IncidentCommandHandler, command: IncidentCommandInput) {
  try {
    return await handler.execute(command, commandContext({ actor: 'property' }));
  } catch (error) {
    if (error instanceof DomainError) return undefined;
    throw error;
  }
}
