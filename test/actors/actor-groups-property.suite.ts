import fc from 'fast-check';
import { attributionOf } from '../../src/incidents/domain/attribution.js';
import { PARTIES } from '../../src/incidents/domain/events.js';
import { ledgerOf } from '../../src/incidents/domain/record-ledger.js';
import { tallyOf } from '../../src/incidents/domain/tally.js';
import { incidentStream } from '../../src/event-store/stream-names.js';
import { toIncidentEvent } from '../../src/incidents/stored-events/incident-events.js';
import { groupTallies, type ActorNames, type GroupableIncident, type TallyGroup } from '../../src/incidents/domain/tally-groups.js';
import { graphql } from '../graphql/graphql-client.js';
import type { EventStoreUnderTest } from '../support/event-stores.js';
import { appPerSuite } from '../support/suite-app.js';

const SOURCES = [
  { name: 'Government', kind: 'government' },
  { name: 'Newspaper', kind: 'media' },
];
const ACTOR_TYPES = ['political_militia', 'state_forces', 'rebel_group'] as const;

/** A record on incident `incident` (modulo those opened); `by` picks its perpetrator among the run's actors, 3: none. */
const record = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('casualties' as const), incident: fc.nat(), party: fc.constantFrom(...PARTIES), outcome: fc.constantFrom('killed', 'injured'), basis: fc.constantFrom('incremental', 'cumulative'), count: fc.integer({ min: 1, max: 20 }), source: fc.nat(1), by: fc.nat(3) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('hostages' as const), incident: fc.nat(), party: fc.constantFrom(...PARTIES), count: fc.integer({ min: 1, max: 5 }), source: fc.nat(1), by: fc.nat(3) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('arrests' as const), incident: fc.nat(), count: fc.integer({ min: 1, max: 5 }), source: fc.nat(1) }) },
);
const history = fc.record({
  incidents: fc.integer({ min: 1, max: 3 }),
  records: fc.array(record, { minLength: 1, maxLength: 8 }),
  /** Merges actor `from` into actor `into` after `at` records (modulo their number), unless they are the same. */
  merge: fc.option(fc.record({ at: fc.nat(), from: fc.nat(2), into: fc.nat(2) })),
  /** Which write's position the earlier as-of reads at. */
  earlier: fc.nat(),
});

type Opened = Omit<GroupableIncident, 'tally' | 'attribution'> & { readonly id: string };

/** The GraphQL selection of a group, and the same shape made of a reference group (enums in capitals). */
const GROUP_FIELDS = `key { actor { id name actorType } } incidents
  killed { total { best low high } byParty { party best low high } } injured { total { best low high } byParty { party best low high } }
  hostages { party taken released killed held } arrests`;
const upper = (value: string) => value.toUpperCase();
const casualtiesShape = ({ total: { best, low, high }, byParty }: TallyGroup['killed']) => ({
  total: { best, low, high },
  byParty: byParty.map((figure) => ({ party: upper(figure.party), best: figure.best, low: figure.low, high: figure.high })),
});
const graphShape = (group: TallyGroup) => ({
  key: { actor: group.key.actor && { ...group.key.actor, actorType: upper(group.key.actor.actorType) } },
  incidents: group.incidents,
  killed: casualtiesShape(group.killed),
  injured: casualtiesShape(group.injured),
  hostages: group.hostages.map(({ party, taken, released, killed, held }) => ({ party: upper(party), taken, released, killed, held })),
  arrests: group.arrests,
});

/** docs/actors.md: the ACTOR groups plus the unattributed group sum to the ungrouped totals. */
function expectGroupsToSumToTotal(groups: readonly TallyGroup[], [total]: readonly TallyGroup[]) {
  const sum = (pick: (group: TallyGroup) => number) => groups.reduce((acc, group) => acc + pick(group), 0);
  for (const figure of ['killed', 'injured'] as const) {
    for (const spread of ['best', 'low', 'high'] as const) expect(sum((group) => group[figure].total[spread])).toBe(total?.[figure].total[spread] ?? 0);
  }
  const held = (group: TallyGroup) => group.hostages.reduce((acc, h) => acc + h.taken + h.held, 0);
  expect(sum(held)).toBe(total ? held(total) : 0);
}

/**
 * docs/actors.md `groupBy: ACTOR` on REST `GET /tallies`, GraphQL `tallies` and as-of (at the head and at an
 * earlier position) for random histories with random perpetrators and an actor merge: each equals the
 * domain's grouping (`groupTallies`, `attributionOf`) of the incidents' events, and sums to the ungrouped totals.
 */
export function describeActorGroupsProperty(name: string, eventStore: () => Promise<EventStoreUnderTest>) {
  describe(`ACTOR groups across transports (property, ${name})`, () => {
    const app = appPerSuite(eventStore);

    /** POSTs a write that must succeed; its answer's body. */
    const post = async (path: string, body: object) => (await app().http.post(path).set('Authorization', app().bearer('reporter')).send(body).expect(201)).body;
    const write = async (path: string, body: object): Promise<bigint> => BigInt((await post(path, body)).position);
    const rest = async (query: string): Promise<TallyGroup[]> => (await app().http.get(`/tallies?${query}`).set('Authorization', app().bearer('analyst')).expect(200)).body;
    const graph = async (filter: object, groupBy: string, asOf?: string) => {
      const response = await graphql(app(), app().bearer('analyst'), `query ($filter: IncidentFilter, $asOf: String) { tallies(filter: $filter, groupBy: [${groupBy}], asOf: $asOf) { ${GROUP_FIELDS} } }`, { filter, asOf });
      expect(response.errors).toBeUndefined();
      return response.data!.tallies;
    };

    /** The domain's grouping of `incidents` as of `position`, with the registry as it was then. */
    const reference = async (incidents: readonly Opened[], actors: ActorNames, position: bigint) => {
      const pure = [];
      for (const incident of incidents) {
        const events = (await app().store.readStream(incidentStream(incident.id))).filter((event) => event.position <= position).map(toIncidentEvent);
        if (events.length > 0) pure.push({ ...incident, tally: tallyOf(events), attribution: attributionOf(ledgerOf(events)) });
      }
      return { byActor: groupTallies(pure, ['ACTOR'], actors), total: groupTallies(pure, [], actors) };
    };

    it('ACTOR groups equal the domain grouping and sum to the ungrouped totals on REST, GraphQL and as-of (property)', async () => {
      let run = 0;
      await fc.assert(
        fc.asyncProperty(history, async ({ incidents: count, records, merge, earlier }) => {
          // Each run's incidents on a day of their own (shrinking runs many more): the filter leaves out the earlier runs'.
          const day = new Date(Date.UTC(2000, 0, 1 + run++)).toISOString().slice(0, 10);
          const positions: bigint[] = [];
          const actors: { id: string; name: string; actorType: (typeof ACTOR_TYPES)[number] }[] = [];
          for (const [index, actorType] of ACTOR_TYPES.entries()) {
            const body = { name: `Actor ${day}-${index}`, actorType };
            const response = await post('/actors', body);
            actors.push({ id: response.actorId as string, name: body.name, actorType });
          }
          const occurredAt = `${day}T12:00:00Z`;
          const opened: Opened[] = [];
          for (let index = 0; index < count; index++) {
            const location = { country: 'MX', admin1: 'Coahuila' };
            const response = await post('/incidents', { title: 'Clash', category: 'battle', occurredAt, location });
            positions.push(BigInt(response.position));
            opened.push({ id: response.incidentId, ...location, occurredAt });
          }
          const merging = merge && merge.from !== merge.into ? { ...merge, at: merge.at % (records.length + 1) } : null;
          let mergedAt: bigint | null = null;
          const mergeActors = async () => positions.push((mergedAt = await write(`/actors/${actors[merging!.from].id}/merge`, { into: actors[merging!.into].id })));
          for (const [index, r] of records.entries()) {
            if (merging?.at === index) await mergeActors();
            const path = `/incidents/${opened[r.incident % count].id}`;
            const base = { occurredAt, source: SOURCES[r.source], count: r.count };
            const perpetrator = 'by' in r && r.by < actors.length ? { perpetratorActorId: actors[r.by].id } : {};
            if (r.kind === 'casualties') positions.push(await write(`${path}/casualties`, { ...base, party: r.party, outcome: r.outcome, basis: r.basis, ...perpetrator }));
            else if (r.kind === 'hostages') positions.push(await write(`${path}/hostages/taken`, { ...base, party: r.party, ...perpetrator }));
            else positions.push(await write(`${path}/arrests`, base));
          }
          if (merging?.at === records.length) await mergeActors();

          const head = positions.at(-1)!;
          const before = positions[earlier % positions.length];
          const namesAt = (position: bigint): ActorNames => ({
            survivorOf: (id) => (merging && mergedAt! <= position && id === actors[merging.from].id ? actors[merging.into].id : id),
            refOf: (id) => actors.find((actor) => actor.id === id)!,
          });
          const filter = { occurredFrom: day, occurredTo: day };
          const query = `occurredFrom=${filter.occurredFrom}&occurredTo=${filter.occurredTo}`;

          const now = await reference(opened, namesAt(head), head);
          expect(await rest(`${query}&groupBy=ACTOR&consistentWith=${head}`)).toEqual(now.byActor);
          expect(await rest(query)).toEqual(now.total);
          expect(await graph(filter, 'ACTOR')).toEqual(now.byActor.map(graphShape));
          expect(await graph(filter, '')).toEqual(now.total.map(graphShape));
          expectGroupsToSumToTotal(now.byActor, now.total);
          for (const position of [head, before]) {
            const then = await reference(opened, namesAt(position), position);
            expect(await rest(`${query}&groupBy=ACTOR&asOf=${position}`)).toEqual(then.byActor);
            expect(await rest(`${query}&asOf=${position}`)).toEqual(then.total);
            expect(await graph(filter, 'ACTOR', String(position))).toEqual(then.byActor.map(graphShape));
            expectGroupsToSumToTotal(then.byActor, then.total);
          }
        }),
        { numRuns: 12 },
      );
      // About 15 writes and 10 reads a run, the as-of ones folding the whole store.
    }, 300_000);
  });
}
