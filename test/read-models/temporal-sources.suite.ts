import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { recordedAtOf } from '../../src/event-store/envelope.js';
import { systemClock } from '../../src/common/clock.js';
import { commandContext } from '../../src/common/commands/command-context.js';
import { openIncidentCommand } from '../../src/incidents/application/command-inputs.js';
import { IncidentCommandHandler, type IncidentCommandInput } from '../../src/incidents/application/incident-command-handler.js';
import { parseAsOf } from '../../src/incidents/audit/as-of.js';
import { type AskedIncident, AsOfTallyService } from '../../src/incidents/audit/as-of-tally.service.js';
import { ReadModelVerification } from '../../src/incidents/audit/read-model-verification.js';
import { BEST_POLICIES } from '../../src/incidents/domain/best-policy.js';
import { DomainError } from '../../src/incidents/domain/domain-error.js';
import { BASES, OUTCOMES, PARTIES } from '../../src/incidents/domain/events.js';
import { groupTallies } from '../../src/incidents/domain/tally-groups.js';
import { type KnownIncident, TemporalTallies } from '../../src/incidents/read-models/temporal/temporal-tallies.queries.js';
import type { ProjectionsHost } from '../../src/projections/projections-host.js';
import { SourceCommandHandler, type SourceCommandInput } from '../../src/sources/application/source-command-handler.js';
import { SourceRegistryLog } from '../../src/sources/stored-events/source-registry-log.js';
import { RELIABILITIES } from '../../src/sources/domain/events.js';
import { migratedHarness, type MigratedHarness } from '../projections/projection-harness.js';
import type { EventStoreUnderTest } from '../support/event-stores.js';

const NAMES = ['Reuters', 'El Siglo', 'Milenio', 'Straße Post'];
/** Ways to write one name that `sourceKey` reads as the same source (docs/sources.md). */
const SPELLINGS: readonly ((name: string) => string)[] = [(name) => name, (name) => name.toUpperCase(), (name) => name.toLowerCase(), (name) => `\u200b${name}`];

/** One step of a history: a casualty report, a retraction of an earlier one, or a registration (a name and its aliases) or amendment. */
const action = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('report' as const), name: fc.nat(NAMES.length - 1), spelling: fc.nat(SPELLINGS.length - 1), party: fc.constantFrom(...PARTIES), outcome: fc.constantFrom(...OUTCOMES), basis: fc.constantFrom(...BASES), count: fc.integer({ min: 1, max: 40 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('retract' as const), target: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('register' as const), name: fc.nat(NAMES.length - 1), aliases: fc.subarray([0, 1, 2, 3]), reliability: fc.constantFrom(...RELIABILITIES) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('rerate' as const), name: fc.nat(NAMES.length - 1), reliability: fc.constantFrom(...RELIABILITIES) }) },
);
type Action = typeof action extends fc.Arbitrary<infer T> ? T : never;

const knownOf = ({ incidentId, status, fields, tally, mergedInto }: KnownIncident) => ({ incidentId, status, fields, tally, mergedInto });

/**
 * The temporal read model with the source registry (docs/sources.md): aliases and reliabilities registered
 * in the middle of a history, cuts on either side of them, every best-figure policy, against the fold;
 * and `verify` finds the temporal tables as a replay writes them.
 */
export function describeTemporalSources(name: string, eventStore: () => Promise<EventStoreUnderTest>) {
  describe(`temporal read model with registered sources vs the as-of fold (property, ${name})`, () => {
    let harness: MigratedHarness;
    let incidents: IncidentCommandHandler;
    let sources: SourceCommandHandler;
    let asOf: AsOfTallyService;
    let run = 0;
    /** The record time the next command is stamped with (the system clock's when unset). */
    let stamp: Date | undefined;

    beforeAll(async () => {
      harness = await migratedHarness(eventStore);
      harness.runner({ batchSize: 7 }).start();
      const clock = { now: () => stamp ?? systemClock.now() };
      incidents = new IncidentCommandHandler(harness.store, clock);
      sources = new SourceCommandHandler(harness.store, new SourceRegistryLog(harness.store), clock);
      asOf = new AsOfTallyService(harness.store, harness.dataSource, new SourceRegistryLog(harness.store), new TemporalTallies(harness.dataSource), harness.positions);
    });
    afterAll(async () => {
      await harness?.close();
    });

    // Without registry events, an incident's summary position is its last event's: at the cuts in the
    // last two histories most incidents are unchanged since, and their rows are the read model's.
    it('tallies across incidents as of every event are the fold’s, under every policy, most incidents unchanged since the cut (read from the current rows) or not', async () => {
      const year = 1799;
      const ids = Array.from({ length: 5 }, () => randomUUID());
      const records = action.filter(({ kind }) => kind === 'report' || kind === 'retract');
      const histories = fc.sample(fc.array(records, { minLength: 6, maxLength: 6 }), { seed: 17, numRuns: ids.length });
      const positions: bigint[] = [];
      for (const [index, id] of ids.entries()) positions.push(...(await history(id, `${year}-03-0${index + 1}T10:00:00Z`, histories[index])));
      await harness.waitFor(positions.reduce((a, b) => (a > b ? a : b)));
      const filter = { occurredFrom: `${year}-01-01`, occurredTo: `${year}-12-31` };
      for (const position of positions) {
        for (const bestPolicy of BEST_POLICIES) {
          const { incidents: known, actors } = await asOf.known({ asOf: position.toString(), bestPolicy });
          const ofYear = known.filter((incident) => incident.fields.occurredAt.startsWith(`${year}`)).map((i) => ({ ...i.fields.location, occurredAt: i.fields.occurredAt, tally: i.tally, attribution: i.attribution }));
          expect(await asOf.tallyGroups(filter, ['PARTY'], position.toString(), bestPolicy)).toEqual(groupTallies(ofYear, ['PARTY'], actors));
        }
      }
    }, 300_000);

    it('as of any cut, under every policy, one incident (alone or with all the other cuts at once) and tallies across incidents are the fold’s, aliases registered mid-history included', async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(fc.array(action, { minLength: 1, maxLength: 14 }), { minLength: 1, maxLength: 3 }), fc.array(fc.nat(), { minLength: 1, maxLength: 3 }), async (histories, cuts) => {
          const year = 1800 + run++;
          const ids = histories.map(() => randomUUID());
          const positions: bigint[] = [];
          for (const [index, actions] of histories.entries()) positions.push(...(await history(ids[index], `${year}-03-0${index + 1}T10:00:00Z`, actions)));
          await harness.waitFor(positions.reduce((a, b) => (a > b ? a : b)));
          const events = (await Promise.all(positions.map((position) => harness.store.readAll({ fromPosition: position, maxCount: 1 })))).flat();
          const asked: AskedIncident[] = [];
          const answers: (ReturnType<typeof knownOf> | undefined)[] = [];
          for (const [n, c] of cuts.entries()) {
            const event = events[c % events.length];
            const text = n % 2 === 0 ? event.position.toString() : recordedAtOf(event).toISOString();
            for (const bestPolicy of BEST_POLICIES) {
              for (const id of ids) {
                const folded = (await asOf.known({ asOf: text, incidentIds: [id], bestPolicy })).incidents.map(knownOf);
                expect((await asOf.incidents({ asOf: text, incidentIds: [id], bestPolicy })).map(knownOf)).toEqual(folded);
                asked.push({ incidentId: id, asOf: parseAsOf(text), bestPolicy });
                answers.push(folded[0]);
              }
              const { incidents: known, actors } = await asOf.known({ asOf: text, bestPolicy });
              const ofYear = known.filter((incident) => incident.fields.occurredAt.startsWith(`${year}`)).map((i) => ({ ...i.fields.location, occurredAt: i.fields.occurredAt, tally: i.tally, attribution: i.attribution }));
              const filter = { occurredFrom: `${year}-01-01`, occurredTo: `${year}-12-31` };
              expect(await asOf.tallyGroups(filter, ['PARTY'], text, bestPolicy)).toEqual(groupTallies(ofYear, ['PARTY'], actors));
            }
          }
          // All of them at once, as one GraphQL operation asks them: each cut read with its own registry and policy.
          expect((await asOf.incidentsAt(asked)).map((known) => known && knownOf(known))).toEqual(answers);
        }),
        { numRuns: 8 },
      );
    }, 600_000);

    it('a time after a registry event that is the last event of the store stands for it, so tallies as of then count its alias', async () => {
      const year = 1790;
      const id = randomUUID();
      const report = (name: number, count: number): Action => ({ kind: 'report', name, spelling: 0, party: PARTIES[0], outcome: OUTCOMES[0], basis: BASES[0], count });
      const positions = await history(id, `${year}-03-01T10:00:00Z`, [report(0, 5), report(1, 9), { kind: 'register', name: 0, aliases: [1], reliability: RELIABILITIES[0] }]);
      await harness.waitFor(positions.at(-1)!);
      const [registered] = await harness.store.readAll({ fromPosition: positions.at(-1)!, maxCount: 1 });
      expect(registered.type).toBe('SourceRegistered');
      for (const time of [recordedAtOf(registered), new Date(recordedAtOf(registered).getTime() + 1)]) {
        expect(await asOf.cutOf({ time })).toBe(registered.position);
        const { incidents: known, actors } = await asOf.known({ asOf: time.toISOString() });
        const ofYear = known.filter((incident) => incident.fields.occurredAt.startsWith(`${year}`)).map((i) => ({ ...i.fields.location, occurredAt: i.fields.occurredAt, tally: i.tally, attribution: i.attribution }));
        const filter = { occurredFrom: `${year}-01-01`, occurredTo: `${year}-12-31` };
        expect(await asOf.tallyGroups(filter, ['PARTY'], time.toISOString())).toEqual(groupTallies(ofYear, ['PARTY'], actors));
      }
    }, 120_000);

    it('a time stands for one position in every read, though record times run backwards across streams (stamped before the append)', async () => {
      const year = 1789;
      const id = randomUUID();
      const report = (name: number, count: number): Action => ({ kind: 'report', name, spelling: 0, party: PARTIES[0], outcome: OUTCOMES[0], basis: 'cumulative', count });
      // Milliseconds after `base` each command is stamped with: a registry event and an incident event each follow one stamped later.
      const base = systemClock.now().getTime() + 60_000;
      const stamps = [0, 10, 40, 20, 30, 50];
      const steps: Action[] = [report(0, 5), report(1, 9), { kind: 'register', name: 1, aliases: [0], reliability: RELIABILITIES[0] }, report(0, 12), { kind: 'rerate', name: 1, reliability: RELIABILITIES.at(-1)! }];
      const positions = await history(id, `${year}-03-01T10:00:00Z`, steps, stamps.map((ms) => new Date(base + ms)));
      await harness.waitFor(positions.at(-1)!);
      // The rule: the last event before the first one recorded after T.
      let latest = -Infinity;
      const until = stamps.map((ms) => (latest = Math.max(latest, ms)));
      const filter = { occurredFrom: `${year}-01-01`, occurredTo: `${year}-12-31` };
      for (let ms = 0; ms <= 55; ms += 5) {
        const time = new Date(base + ms).toISOString();
        const at = positions[until.findLastIndex((recorded) => recorded <= ms)];
        expect(await asOf.cutOf({ time: new Date(time) })).toBe(at);
        for (const bestPolicy of BEST_POLICIES) {
          const atPosition = knownOf(await asOf.incident(id, { asOf: at.toString(), bestPolicy }));
          expect(knownOf(await asOf.incident(id, { asOf: time, bestPolicy }))).toEqual(atPosition);
          const [folded] = await asOf.incidents({ asOf: time, occurredFrom: '1000-01-01', incidentIds: [id], bestPolicy });
          expect(knownOf(folded)).toEqual(atPosition);
          expect(await asOf.tallyGroups(filter, ['PARTY'], time, bestPolicy)).toEqual(await asOf.tallyGroups(filter, ['PARTY'], at.toString(), bestPolicy));
        }
      }
    }, 120_000);

    it('verify finds the temporal tables as a replay of the same history writes them', async () => {
      const verification = new ReadModelVerification(harness.dataSource, harness.store, { projections: () => [harness.projection] } as unknown as ProjectionsHost);
      const { differences } = await verification.findings();
      expect(run).toBeGreaterThan(0);
      expect(differences).toEqual([]);
    }, 120_000);

    /** Opens an incident and runs `actions` (registrations interleaved), each command stamped with its `stamps` (opening first) if given; every event's position. */
    async function history(incidentId: string, occurredAt: string, actions: readonly Action[], stamps: readonly Date[] = []): Promise<bigint[]> {
      const context = () => commandContext({ actor: 'property' });
      stamp = stamps[0];
      const opened = await incidents.execute(openIncidentCommand({ incidentId, title: 'Generated', category: 'battle', occurredAt, location: { country: 'MX', admin1: 'Durango' } }, context()), context());
      const positions = [BigInt(opened.position)];
      const records: string[] = [];
      for (const [index, step] of actions.entries()) {
        stamp = stamps[index + 1];
        const command = commandOf(incidentId, occurredAt, step, records);
        try {
          const result = 'sourceId' in command.data
            ? await sources.execute(command as SourceCommandInput, context())
            : await incidents.execute(command as IncidentCommandInput, context());
          positions.push(BigInt(result.position));
          if (command.type === 'RegisterSource') registered.set(command.data.name!, command.data.sourceId);
          if (step.kind === 'report' && 'recordId' in result && result.recordId) records.push(result.recordId);
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
        }
      }
      stamp = undefined;
      return positions;
    }

    const registered = new Map<string, string>();
    function commandOf(incidentId: string, occurredAt: string, step: Action, records: readonly string[]): IncidentCommandInput | SourceCommandInput {
      const year = occurredAt.slice(0, 4);
      const nameOf = (index: number) => `${NAMES[index]} ${year}`;
      switch (step.kind) {
        case 'report': {
          const source = { name: SPELLINGS[step.spelling](nameOf(step.name)), kind: 'media' as const };
          return { type: 'ReportCasualties', data: { incidentId, recordId: randomUUID(), occurredAt, datePrecision: 'exact', source, party: step.party, outcome: step.outcome, count: step.count, basis: step.basis } };
        }
        case 'retract':
          return { type: 'RetractRecord', data: { incidentId, recordId: records[step.target % records.length] ?? randomUUID(), reason: 'withdrawn' } };
        case 'register': {
          const sourceId = randomUUID();
          const aliases = step.aliases.filter((alias) => alias !== step.name).map(nameOf);
          return { type: 'RegisterSource', data: { sourceId, name: nameOf(step.name), aliases, kind: 'media', scale: 'national', reliability: step.reliability } };
        }
        case 'rerate':
          return { type: 'AmendSource', data: { sourceId: registered.get(nameOf(step.name)) ?? randomUUID(), reliability: step.reliability } };
      }
    }
  });
}
