import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { runMigrations } from '../../src/database/data-source.js';
import { commandContext } from '../../src/incidents/application/command-context.js';
import { openIncidentCommand } from '../../src/incidents/application/command-inputs.js';
import { IncidentCommandHandler, type IncidentCommandInput } from '../../src/incidents/application/incident-command-handler.js';
import { DomainError } from '../../src/incidents/domain/domain-error.js';
import { BASES, OUTCOMES, PARTIES, RELEASE_HOWS, type Source } from '../../src/incidents/domain/events.js';
import type { EventStoreUnderTest } from '../support/event-stores.js';
import { eventStoreFor, projectionHarness, type ProjectionHarness } from '../projections/projection-harness.js';
import { expectReadModelsToEqualPureTallies } from '../projections/read-model-expectations.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

const SOURCES: Source[] = [
  { name: 'Government', kind: 'government' },
  { name: 'Newspaper', kind: 'media' },
  { name: 'Witness', kind: 'witness' },
];
const AT = '2019-11-30T12:00:00.000Z';

/** A command in terms the generator can pick freely; `target` picks an earlier record for corrections and retractions. */
const step = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('casualties' as const), party: fc.constantFrom(...PARTIES), outcome: fc.constantFrom(...OUTCOMES), basis: fc.constantFrom(...BASES), count: fc.integer({ min: 1, max: 30 }), source: fc.nat(2) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constantFrom('taken' as const, 'released' as const, 'hostagesKilled' as const), party: fc.constantFrom(...PARTIES), count: fc.integer({ min: 1, max: 5 }), how: fc.constantFrom(...RELEASE_HOWS), source: fc.nat(2) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constantFrom('vehicles' as const, 'weapons' as const, 'arrests' as const, 'note' as const), count: fc.integer({ min: 1, max: 9 }), source: fc.nat(2) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('correct' as const), target: fc.nat(), count: fc.integer({ min: 0, max: 30 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('retract' as const), target: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constantFrom('close' as const, 'reopen' as const) }) },
);
type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;

function commandOf(incidentId: string, s: Step, records: string[]): IncidentCommandInput {
  const base = () => ({ incidentId, recordId: randomUUID(), occurredAt: AT, datePrecision: 'exact' as const, source: SOURCES['source' in s ? s.source : 0] });
  const target = () => records['target' in s ? s.target % Math.max(records.length, 1) : 0] ?? randomUUID();
  switch (s.kind) {
    case 'casualties':
      return { type: 'ReportCasualties', data: { ...base(), party: s.party, outcome: s.outcome, count: s.count, basis: s.basis } };
    case 'taken':
      return { type: 'RecordHostagesTaken', data: { ...base(), party: s.party, count: s.count } };
    case 'released':
      return { type: 'RecordHostagesReleased', data: { ...base(), party: s.party, count: s.count, how: s.how } };
    case 'hostagesKilled':
      return { type: 'RecordHostagesKilled', data: { ...base(), party: s.party, count: s.count } };
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
    let db: TestDatabase;
    let store: EventStoreUnderTest;
    let harness: ProjectionHarness;
    let handler: IncidentCommandHandler;

    beforeAll(async () => {
      [db, store] = await Promise.all([createTestDatabase(), eventStore()]);
      await runMigrations(db.url);
      harness = await projectionHarness(db.url, eventStoreFor(db.url, store.connectionString));
      harness.runner().start();
      handler = new IncidentCommandHandler(harness.store);
    });
    afterAll(async () => {
      await harness?.close();
      await store?.dispose();
      await db?.drop();
    });

    it('random valid command sequences through the command handler project to the tally of their events', async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 25 }), async (steps) => {
          const incidentId = randomUUID();
          const execute = async (command: IncidentCommandInput) => {
            try {
              return await handler.execute(command, commandContext({ actor: 'property', operation: command.type, body: command.data }));
            } catch (error) {
              // Commands the rules reject (a release beyond those held, a record of a closed incident…) append nothing.
              if (error instanceof DomainError) return undefined;
              throw error;
            }
          };
          let last = await execute(openIncidentCommand({ incidentId, title: 'Generated', category: 'battle', occurredAt: AT, location: { country: 'MX', admin1: 'Coahuila' } }, commandContext({ actor: 'property', operation: 'open', body: null })));
          const records: string[] = [];
          for (const s of steps) {
            const command = commandOf(incidentId, s, records);
            const result = await execute(command);
            if (result?.recordId && !['CorrectRecord', 'RetractRecord'].includes(command.type)) records.push(result.recordId);
            last = result ?? last;
          }
          await harness.waitFor(BigInt(last!.position));
          await expectReadModelsToEqualPureTallies(harness, [incidentId]);
        }),
        { numRuns: 40 },
      );
    });
  });
}
