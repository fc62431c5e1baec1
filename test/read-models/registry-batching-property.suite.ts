import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { DataSource } from 'typeorm';
import { systemClock } from '../../src/common/clock.js';
import { ReadModelVerification } from '../../src/incidents/audit/read-model-verification.js';
import { commandContext } from '../../src/common/commands/command-context.js';
import { openIncidentCommand } from '../../src/incidents/application/command-inputs.js';
import { IncidentCommandHandler, type IncidentCommandInput } from '../../src/incidents/application/incident-command-handler.js';
import type { ProjectionsHost } from '../../src/projections/projections-host.js';
import { SourceCommandHandler, type SourceCommandInput } from '../../src/sources/application/source-command-handler.js';
import { SourceRegistryLog } from '../../src/sources/stored-events/source-registry-log.js';
import { ActorCommandHandler } from '../../src/actors/application/actor-command-handler.js';
import { ActorError } from '../../src/actors/domain/actor-error.js';
import { DomainError } from '../../src/incidents/domain/domain-error.js';
import { migratedHarness, type MigratedHarness } from '../projections/projection-harness.js';
import type { EventStoreUnderTest } from '../support/event-stores.js';

/** Ways to write one name that `sourceKey` reads as the same source, zero-width characters included. */
const SPELLINGS: readonly ((name: string) => string)[] = [
  (name) => name,
  (name) => name.replace(' ', ' \u200B'),
  (name) => `\u200B${name.toUpperCase()}`,
  (name) => `${name.normalize('NFD')}\u200D`,
  (name) => name.normalize('NFD').replace('\u0301', '\u200B\u0301'),
];
const spellingArb = fc.nat(SPELLINGS.length - 1);
const NAMES = 3;
const INCIDENTS = 2;

const ACTORS = 3;

const stepArb = fc.oneof(
  fc.record({ kind: fc.constant('report' as const), incident: fc.nat(INCIDENTS - 1), name: fc.nat(NAMES - 1), spelling: spellingArb, count: fc.integer({ min: 1, max: 9 }), by: fc.nat(ACTORS) }),
  fc.record({ kind: fc.constant('retract' as const), record: fc.nat() }),
  fc.record({ kind: fc.constant('correct' as const), record: fc.nat(), count: fc.integer({ min: 1, max: 9 }) }),
  fc.record({ kind: fc.constant('register' as const), name: fc.nat(NAMES - 1), aliases: fc.uniqueArray(fc.nat(NAMES - 1), { maxLength: 2 }), spelling: spellingArb }),
  fc.record({ kind: fc.constant('merge' as const) }),
  fc.record({ kind: fc.constant('amend' as const), source: fc.nat(), aliases: fc.uniqueArray(fc.nat(NAMES - 1), { maxLength: 2 }), spelling: spellingArb }),
  fc.record({ kind: fc.constant('attach' as const), incident: fc.nat(INCIDENTS - 1), actor: fc.nat(ACTORS - 1) }),
  fc.record({ kind: fc.constant('detach' as const), incident: fc.nat(INCIDENTS - 1), actor: fc.nat(ACTORS - 1) }),
  // Twice as likely: a merge changes incidents only when it comes after they name the actor.
  fc.record({ kind: fc.constant('mergeActor' as const), actor: fc.nat(ACTORS - 1), into: fc.nat(ACTORS - 1) }),
  fc.record({ kind: fc.constant('mergeActor' as const), actor: fc.nat(ACTORS - 1), into: fc.nat(ACTORS - 1) }),
);
type Step = typeof stepArb extends fc.Arbitrary<infer T> ? T : never;

const ACTOR_MERGE_EXAMPLES: [Step[], number][] = [
  [[{ kind: 'report', incident: 0, name: 0, spelling: 0, count: 1, by: 0 }, { kind: 'mergeActor', actor: 0, into: 1 }], 1],
  [[{ kind: 'attach', incident: 1, actor: 0 }, { kind: 'mergeActor', actor: 0, into: 1 }], 1],
  [[{ kind: 'attach', incident: 0, actor: 0 }, { kind: 'mergeActor', actor: 0, into: 1 }, { kind: 'mergeActor', actor: 1, into: 2 }], 1],
  [[{ kind: 'attach', incident: 0, actor: 0 }, { kind: 'merge' }, { kind: 'mergeActor', actor: 0, into: 1 }], 1],
];

const context = () => commandContext({ actor: 'property' });

/**
 * The incidents projection gives the same read models however the runner batches the events: for
 * random histories of casualty records (names spelled with zero-width characters, some naming a
 * perpetrator), corrections, retractions, registrations or amendments of sources, and actors
 * attached, detached and merged in between, projected in random batch sizes, `verify` (a one-batch
 * replay) finds no difference, positions (the change feed's) and source names included.
 */
export function describeRegistryBatchingProperty(name: string, eventStore: () => Promise<EventStoreUnderTest>) {
  describe(`incidents read models do not depend on batching around registry events (property, ${name})`, () => {
    let harness: MigratedHarness;
    let incidents: IncidentCommandHandler;
    let sources: SourceCommandHandler;
    let actors: ActorCommandHandler;
    let verification: ReadModelVerification;

    beforeAll(async () => {
      harness = await migratedHarness(eventStore);
      incidents = new IncidentCommandHandler(harness.store, systemClock);
      sources = new SourceCommandHandler(harness.store, new SourceRegistryLog(harness.store), systemClock);
      actors = new ActorCommandHandler(harness.store, systemClock);
      const host = { projections: () => [harness.projection] } as unknown as ProjectionsHost;
      verification = new ReadModelVerification(harness.dataSource as DataSource, harness.store, host);
    });
    afterAll(async () => {
      await harness?.close();
    });

    it('verify finds no difference after a history projected in random batch sizes', async () => {
      let run = 0;
      await fc.assert(
        fc.asyncProperty(fc.array(stepArb, { minLength: 1, maxLength: 14 }), fc.integer({ min: 1, max: 4 }), async (steps, batchSize) => {
          await record(run++, steps);
          await harness.catchUp({ batchSize });
          expect((await verification.findings()).differences).toEqual([]);
        }),
        // Runs share the read models: once one leaves a difference, every shrunk run would show it too.
        // The examples: an actor merge in a batch of its own changes an incident naming the actor as a
        // perpetrator, as attached, through an earlier merge, and the incident it was merged into.
        { numRuns: 50, endOnFailure: true, examples: ACTOR_MERGE_EXAMPLES },
      );
    }, 600_000);

    /** Writes one run's history through the command handlers; steps the registry would refuse are left out. */
    async function record(run: number, steps: readonly Step[]): Promise<void> {
      const names = Array.from({ length: NAMES }, (_, i) => `Fuente ${run} Fórmula ${i}`);
      const incidentIds = Array.from({ length: INCIDENTS }, () => randomUUID());
      const occurredAt = '2024-06-01T12:00:00Z';
      const actorIds = Array.from({ length: ACTORS }, () => randomUUID());
      for (const [i, actorId] of actorIds.entries()) await actors.execute({ type: 'RegisterActor', data: { actorId, name: `Actor ${run} ${i}`, aliases: [], actorType: 'rebel_group' } }, context());
      for (const incidentId of incidentIds) {
        await incidents.execute(openIncidentCommand({ incidentId, title: 'Generated', category: 'battle', occurredAt, location: { country: 'MX', admin1: 'Durango' } }, context()), context());
      }
      const records: { incidentId: string; recordId: string }[] = [];
      /** Per registered source, the names it holds (its name first); a name is held by one source at most. */
      const registered: { sourceId: string; names: number[] }[] = [];
      const holder = (i: number) => registered.find((source) => source.names.includes(i));
      let merged = false;
      for (const step of steps) {
        if (step.kind === 'merge') {
          // The first incident into the second, once; its records stay out of later steps.
          if (merged) continue;
          await incidents.execute({ type: 'MergeIncident', data: { incidentId: incidentIds[0], into: incidentIds[1] } } as IncidentCommandInput, context());
          records.splice(0, records.length, ...records.filter(({ incidentId }) => incidentId !== incidentIds[0]));
          merged = true;
        } else if (step.kind === 'report') {
          const recordId = randomUUID();
          const incidentId = incidentIds[merged ? 1 : step.incident];
          const perpetrator = step.by < ACTORS ? { perpetratorActorId: actorIds[step.by] } : {};
          const data = { incidentId, recordId, occurredAt, datePrecision: 'exact' as const, source: { name: SPELLINGS[step.spelling](names[step.name]), kind: 'media' as const }, party: 'civilian' as const, outcome: 'killed' as const, count: step.count, basis: 'incremental' as const, ...perpetrator };
          await incidents.execute({ type: 'ReportCasualties', data }, context());
          records.push({ incidentId, recordId });
        } else if (step.kind === 'retract' || step.kind === 'correct') {
          if (records.length === 0) continue;
          const index = step.record % records.length;
          const chosen = records[index];
          if (step.kind === 'retract') records.splice(index, 1);
          const command: IncidentCommandInput =
            step.kind === 'retract' ? { type: 'RetractRecord', data: { ...chosen, reason: 'property' } } : { type: 'CorrectRecord', data: { ...chosen, count: step.count, reason: 'property' } };
          await incidents.execute(command, context());
        } else if (step.kind === 'mergeActor') {
          await leftOutIfRefused(actors.execute({ type: 'MergeActor', data: { actorId: actorIds[step.actor], into: actorIds[step.into] } }, context()));
        } else if (step.kind === 'attach' || step.kind === 'detach') {
          const data = { incidentId: incidentIds[merged ? 1 : step.incident], actorId: actorIds[step.actor] };
          const command = step.kind === 'attach' ? { type: 'AttachActor', data: { ...data, role: 'side_a' } } : { type: 'DetachActor', data };
          await leftOutIfRefused(incidents.execute(command as IncidentCommandInput, context()));
        } else if (step.kind === 'register') {
          const owned = [step.name, ...step.aliases.filter((i) => i !== step.name)];
          if (owned.some((i) => holder(i))) continue;
          const sourceId = randomUUID();
          const spelled = owned.map((i) => SPELLINGS[step.spelling](names[i]));
          await registry({ type: 'RegisterSource', data: { sourceId, name: spelled[0], aliases: spelled.slice(1), kind: 'media', scale: 'national', reliability: 'B' } });
          registered.push({ sourceId, names: owned });
        } else {
          if (registered.length === 0) continue;
          const source = registered[step.source % registered.length];
          const aliases = step.aliases.filter((i) => i !== source.names[0] && (holder(i) ?? source) === source);
          await registry({ type: 'AmendSource', data: { sourceId: source.sourceId, aliases: aliases.map((i) => SPELLINGS[step.spelling](names[i])) } });
          source.names = [source.names[0], ...aliases];
        }
      }
    }

    /** A step the domain refuses (an actor merged into itself or twice, one detached that is not attached) is left out. */
    async function leftOutIfRefused(command: Promise<unknown>): Promise<void> {
      await command.catch((error: unknown) => {
        if (!(error instanceof ActorError || error instanceof DomainError)) throw error;
      });
    }

    async function registry(command: SourceCommandInput): Promise<void> {
      await sources.execute(command, context());
    }
  });
}
