import { randomUUID } from 'node:crypto';
import { incidentStream } from '../../src/event-store/stream-names.js';
import { schemaVersionOf } from '../../src/incidents/stored-events/incident-events.js';
import { recordDemo } from '../exports/export-client.js';
import { graphql } from '../graphql/graphql-client.js';
import type { EventStoreUnderTest } from '../support/event-stores.js';
import { appPerSuite } from '../support/suite-app.js';
import type { TestApp } from '../support/test-app.js';

const GOVERNMENT = { name: 'Coahuila state government', kind: 'government' };
const MEDIA = { name: 'El Siglo de Torreón', kind: 'media' };
const UNKNOWN = '00000000-0000-4000-8000-00000000dead';

const TALLIES = /* GraphQL */ `
  query($asOf: String) { tallies(groupBy: [COUNTRY], asOf: $asOf) { key { country } incidents killed { total { best low high } } } }`;
const LINKS = /* GraphQL */ `
  query($id: ID!) { incident(id: $id) { id mergedInto links { incident { id title } relation } } }`;
const DUPLICATES = /* GraphQL */ `
  query($id: ID!) { incident(id: $id) { duplicateCandidates(first: 3) { items { incident { id } score reasons { reason weight } } } } }`;

type Group = { key: { country: string }; incidents: number; killed: { total: { best: number; low: number; high: number } } };
/** Mexico's group, as far as GraphQL's `TALLIES` selects it. */
const mexico = (groups: Group[]) => {
  const group = groups.find(({ key }) => key.country.toLowerCase() === 'mx');
  return group && { incidents: group.incidents, killed: { total: group.killed.total } };
};

/** docs/merge.md: links between incidents, duplicate candidates and merges, through REST and GraphQL. */
export function describeIncidentLinks(name: string, eventStore: () => Promise<EventStoreUnderTest>) {
  describe(`incident links, duplicates and merges (docs/merge.md, ${name})`, () => {
    let t: TestApp;
    let last = '0';

    const post = (path: string, body: object, key?: string) => {
      const request = t.http.post(path).set('Authorization', t.bearer('reporter')).send(body);
      return key ? request.set('Idempotency-Key', key) : request;
    };
    const write = async (path: string, body: object, key?: string): Promise<{ incidentId: string; revision: string; position: string }> => {
      const { body: result } = await post(path, body, key).expect(201);
      last = result.position;
      return result;
    };
    const read = (path: string) => t.http.get(`${path}${path.includes('?') ? '&' : '?'}consistentWith=${last}`).set('Authorization', t.bearer('analyst'));
    const open = async (title: string, occurredAt: string, admin2 = 'Villa Unión', country = 'MX') =>
      (await write('/incidents', { title, category: 'battle', occurredAt, location: { country, admin1: 'Coahuila', admin2 } })).incidentId;
    const killed = (incidentId: string, count: number, source = GOVERNMENT) =>
      write(`/incidents/${incidentId}/casualties`, { party: 'police', outcome: 'killed', count, basis: 'cumulative', occurredAt: '2019-11-30T13:00:00Z', source });
    const refused = async (path: string, body: object, status: number, code: string, field?: string) => {
      const { body: problem } = await post(path, body).expect(status).expect('Content-Type', /application\/problem\+json/);
      expect(problem.code).toBe(code);
      if (field) expect(problem.errors.map((error: { field: string }) => error.field)).toContain(field);
    };

    const app = appPerSuite(eventStore);
    beforeAll(() => (t = app()));

    it('links two incidents and shows the link from both sides; linking again changes nothing', async () => {
      const villaUnion = await open('Attack on Villa Unión', '2019-11-30T12:00:00Z');
      const bavispe = await open('Bavispe ambush', '2019-11-04T09:00:00Z', 'Bavispe', 'MX');
      const first = await write(`/incidents/${villaUnion}/links`, { otherIncidentId: bavispe, relation: 'same_campaign' });
      const again = await write(`/incidents/${villaUnion}/links`, { otherIncidentId: bavispe, relation: 'same_campaign' });
      expect(again.revision).toBe(first.revision);

      expect((await read(`/incidents/${villaUnion}`).expect(200)).body.links).toEqual([{ incident: { id: bavispe, title: 'Bavispe ambush' }, relation: 'same_campaign' }]);
      expect((await read(`/incidents/${bavispe}`).expect(200)).body.links).toEqual([{ incident: { id: villaUnion, title: 'Attack on Villa Unión' }, relation: 'same_campaign' }]);
      const { data } = await graphql(t, t.bearer('analyst'), LINKS, { id: bavispe });
      expect(data!.incident).toEqual({ id: bavispe, mergedInto: null, links: [{ incident: { id: villaUnion, title: 'Attack on Villa Unión' }, relation: 'SAME_CAMPAIGN' }] });

      const { data: linked } = await graphql(t, t.bearer('reporter'), `mutation($id: ID!, $other: ID!) { linkIncidents(incidentId: $id, input: { otherIncidentId: $other, relation: FOLLOW_UP }) { revision position } }`, { id: bavispe, other: villaUnion });
      last = linked!.linkIncidents.position;
      expect((await read(`/incidents/${villaUnion}`).expect(200)).body.links).toEqual([{ incident: { id: bavispe, title: 'Bavispe ambush' }, relation: 'same_campaign' }]);
      expect((await read(`/incidents/${bavispe}`).expect(200)).body.links).toEqual([{ incident: { id: villaUnion, title: 'Attack on Villa Unión' }, relation: 'follow_up' }]);
    });

    it('refuses links to itself, to unknown incidents and with unknown relations, naming the field', async () => {
      const id = await open('Culiacán', '2019-10-17T15:00:00Z', 'Culiacán');
      await refused(`/incidents/${id}/links`, { otherIncidentId: id, relation: 'related' }, 422, 'LINK.TO_ITSELF', 'otherIncidentId');
      await refused(`/incidents/${id}/links`, { otherIncidentId: UNKNOWN, relation: 'related' }, 404, 'INCIDENT.NOT_FOUND', 'otherIncidentId');
      await refused(`/incidents/${id}/links`, { otherIncidentId: 'nope', relation: 'related' }, 400, 'INPUT.INVALID', 'otherIncidentId');
      await refused(`/incidents/${id}/links`, { otherIncidentId: UNKNOWN, relation: 'cousin' }, 400, 'INPUT.INVALID', 'relation');
      await refused(`/incidents/${UNKNOWN}/links`, { otherIncidentId: id, relation: 'related' }, 404, 'INCIDENT.NOT_FOUND');
      const { errors } = await graphql(t, t.bearer('reporter'), `mutation($id: ID!) { linkIncidents(incidentId: $id, input: { otherIncidentId: $id, relation: RELATED }) { revision } }`, { id });
      expect(errors![0].extensions.code).toBe('LINK.TO_ITSELF');
    });

    it('counts an attack opened twice once after the merge and twice as of before it; ranks the pair first among duplicate candidates', async () => {
      const first = await open('Gunmen attack Villa Unión town hall', '2019-12-01T12:00:00Z', 'Allende');
      const second = await open('Shootout in Allende', '2019-12-01T14:00:00Z', 'Allende');
      const elsewhere = await open('Clash near Allende', '2019-12-02T10:00:00Z', 'Zaragoza');
      await killed(first, 4);
      await killed(second, 4);
      await killed(second, 5, MEDIA);
      await killed(elsewhere, 1, MEDIA);

      const { body: candidates } = await read(`/incidents/${first}/duplicate-candidates`).expect(200);
      expect(candidates.items[0].incident.id).toBe(second);
      expect(candidates.items[0].score).toBe(1);
      expect(candidates.items[0].reasons.map((reason: { reason: string }) => reason.reason)).toEqual(['same_admin2', 'within_48h', 'same_category', 'shared_sources']);
      expect(candidates.items.map((item: { incident: { id: string } }) => item.incident.id)).toContain(elsewhere);
      const { data: duplicates } = await graphql(t, t.bearer('analyst'), DUPLICATES, { id: first });
      expect(duplicates!.incident.duplicateCandidates.items[0]).toMatchObject({ incident: { id: second }, score: 1 });

      const before = (await read('/tallies?groupBy=COUNTRY').expect(200)).body;
      const firstBefore = (await read(`/incidents/${first}`).expect(200)).body.tally;
      const beforeMerge = last;
      const merged = await write(`/incidents/${second}/merge`, { into: first });
      const again = await write(`/incidents/${second}/merge`, { into: first });
      expect(again.revision).toBe(merged.revision);

      const after = (await read('/tallies?groupBy=COUNTRY').expect(200)).body;
      expect(mexico(after)!.incidents).toBe(mexico(before)!.incidents - 1);
      // Apart, best was 4 (first) + 5 (second's latest, the media's). As one ledger the government's 4, told in
      // both, is one source's statement, and the survivor's own record comes last, so best is 4: 5 fewer.
      expect(mexico(before)!.killed.total.best - mexico(after)!.killed.total.best).toBe(5);
      const { data: now } = await graphql(t, t.bearer('analyst'), TALLIES, {});
      expect(mexico(now!.tallies)).toEqual(mexico(after));
      const asOf = (await read(`/tallies?groupBy=COUNTRY&asOf=${beforeMerge}`).expect(200)).body;
      expect(mexico(asOf)).toEqual(mexico(before));
      const { data: then } = await graphql(t, t.bearer('analyst'), TALLIES, { asOf: beforeMerge });
      expect(mexico(then!.tallies)).toEqual(mexico(before));
      expect(mexico((await read(`/tallies?groupBy=COUNTRY&asOf=${last}`).expect(200)).body)).toEqual(mexico(after));

      const { body: survivor } = await read(`/incidents/${first}`).expect(200);
      expect(survivor.tally.killed.byParty[0].sources).toEqual([
        { name: GOVERNMENT.name, figure: 4 },
        { name: MEDIA.name, figure: 5 },
      ]);
      // The survivor's own as-of tally learns the merge from the merged incident's stream too.
      expect((await read(`/incidents/${first}/tally?asOf=${merged.position}`).expect(200)).body).toEqual(survivor.tally);
      expect((await read(`/incidents/${first}/tally?asOf=${beforeMerge}`).expect(200)).body).toEqual(firstBefore);
      const { data: survivorAsOf } = await graphql(t, t.bearer('analyst'), `query($id: ID!, $at: String) { incident(id: $id) { tally(asOf: $at) { killed { total { best low high } } } } }`, { id: first, at: merged.position });
      expect(survivorAsOf!.incident.tally.killed.total).toEqual(survivor.tally.killed.total);
      const { body: gone } = await read(`/incidents/${second}`).expect(200);
      expect(gone).toMatchObject({ status: 'closed', mergedInto: first });
      expect(gone.tally.killed.total.best).toBe(5);
      const listed = (await read('/incidents?first=500').expect(200)).body.items.map((incident: { id: string }) => incident.id);
      expect(listed).toContain(first);
      expect(listed).not.toContain(second);
      const { body: changes } = await read(`/changes?after=${beforeMerge}`).expect(200);
      expect(changes.items).toEqual(expect.arrayContaining([{ incidentId: second, position: merged.position, change: 'merged', cursor: expect.any(String) }]));
      expect(changes.items.map((item: { incidentId: string }) => item.incidentId)).toContain(first);
      expect((await read(`/incidents/${first}/duplicate-candidates`).expect(200)).body.items.map((item: { incident: { id: string } }) => item.incident.id)).not.toContain(second);

      // Later reports on the survivor fold into the same one ledger.
      await killed(first, 6);
      expect((await read(`/incidents/${first}`).expect(200)).body.tally.killed.byParty[0].sources).toEqual([
        { name: GOVERNMENT.name, figure: 6 },
        { name: MEDIA.name, figure: 5 },
      ]);
    });

    it("counts the survivor's record and a merged incident's that share a record id as two; the survivor's correction and retraction change its own", async () => {
      // Given two incidents, each with a record of one client-chosen id (an id is unique within its incident only)
      const survivor = await open('Ambush on the Torreón road', '2019-12-03T12:00:00Z', 'Torreón');
      const duplicate = await open('Police convoy attacked near Torreón', '2019-12-03T13:00:00Z', 'Torreón');
      const recordId = randomUUID();
      const report = (incidentId: string, count: number, source: object) =>
        write(`/incidents/${incidentId}/casualties`, { recordId, party: 'police', outcome: 'killed', count, basis: 'incremental', occurredAt: '2019-12-03T12:00:00Z', source });
      await report(survivor, 5, GOVERNMENT);
      await report(duplicate, 7, MEDIA);
      const killedNow = async () => {
        const { body } = await read(`/incidents/${survivor}`).expect(200);
        // The as-of read at the latest position (the temporal read model) answers as the current one.
        expect((await read(`/incidents/${survivor}/tally?asOf=${last}`).expect(200)).body).toEqual(body.tally);
        return body.tally.killed.byParty[0];
      };
      // When the duplicate is merged into the survivor, then both records count
      await write(`/incidents/${duplicate}/merge`, { into: survivor });
      expect(await killedNow()).toMatchObject({ best: 5, low: 5, high: 7, sources: [{ name: GOVERNMENT.name, figure: 5 }, { name: MEDIA.name, figure: 7 }] });
      // When the survivor corrects its own record, its figure changes, the merged one's stays
      await write(`/incidents/${survivor}/records/${recordId}/correction`, { count: 6, reason: 'recount' });
      expect(await killedNow()).toMatchObject({ best: 6, low: 6, high: 7 });
      // When it retracts it, the merged incident's record alone is left
      await write(`/incidents/${survivor}/records/${recordId}/retraction`, { reason: 'wrong incident' });
      expect(await killedNow()).toMatchObject({ best: 7, low: 7, high: 7, sources: [{ name: MEDIA.name, figure: 7 }] });
    });

    it('follows a merge into a merged incident to its survivor and refuses merges that cannot be', async () => {
      const survivor = await open('Survivor', '2019-12-05T12:00:00Z', 'Acuña');
      const middle = await open('Middle', '2019-12-05T12:30:00Z', 'Acuña');
      const late = await open('Late report', '2019-12-05T13:00:00Z', 'Acuña');
      await killed(late, 2, MEDIA);
      await write(`/incidents/${middle}/merge`, { into: survivor });
      await write(`/incidents/${late}/merge`, { into: middle });
      expect((await read(`/incidents/${late}`).expect(200)).body.mergedInto).toBe(survivor);
      expect((await read(`/incidents/${survivor}`).expect(200)).body.tally.killed.total.best).toBe(2);

      await refused(`/incidents/${survivor}/merge`, { into: survivor }, 422, 'MERGE.INTO_ITSELF', 'into');
      await refused(`/incidents/${survivor}/merge`, { into: middle }, 422, 'MERGE.CYCLE', 'into');
      await refused(`/incidents/${survivor}/merge`, { into: UNKNOWN }, 404, 'INCIDENT.NOT_FOUND', 'into');
      await refused(`/incidents/${survivor}/merge`, {}, 400, 'INPUT.INVALID', 'into');
      await refused(`/incidents/${late}/casualties`, { party: 'police', outcome: 'killed', count: 1, basis: 'incremental', occurredAt: '2019-12-05T13:00:00Z', source: MEDIA }, 422, 'INCIDENT.CLOSED');
      await refused(`/incidents/${late}/reopen`, {}, 422, 'INCIDENT.MERGED');
      const other = await open('Other', '2019-12-05T12:00:00Z', 'Acuña');
      const { data, errors } = await graphql(t, t.bearer('reporter'), `mutation($id: ID!, $into: ID!) { mergeIncident(incidentId: $id, input: { into: $into }) { incidentId position } }`, { id: other, into: late });
      expect(errors).toBeUndefined();
      last = data!.mergeIncident.position;
      expect((await read(`/incidents/${other}`).expect(200)).body.mergedInto).toBe(survivor);
    });

    it('decides merges sent at once one after the other: of a ring of merges into each other, all but one is refused as a cycle', async () => {
      for (const size of [2, 3]) {
        const ring = await Promise.all(Array.from({ length: size }, (_, n) => open(`Ring ${size}.${n}`, '2019-12-06T12:00:00Z', 'Acuña')));
        await Promise.all(ring.map((id) => killed(id, 5)));
        const answers = await Promise.all(ring.map((id, n) => post(`/incidents/${id}/merge`, { into: ring[(n + 1) % size] })));
        const statuses = answers.map(({ status }) => status).sort();
        expect(statuses).toEqual([...Array.from({ length: size - 1 }, () => 201), 422]);
        expect(answers.find(({ status }) => status === 422)!.body.code).toBe('MERGE.CYCLE');
        last = answers.filter(({ status }) => status === 201).map(({ body }) => body.position as string).sort((a, b) => Number(BigInt(a) - BigInt(b))).at(-1)!;
        // One incident survives, counting every attack's records once.
        const views = await Promise.all(ring.map(async (id) => (await read(`/incidents/${id}`).expect(200)).body));
        const survivors = views.filter(({ mergedInto }) => mergedInto === undefined || mergedInto === null);
        expect(survivors).toHaveLength(1);
        expect(survivors[0].tally.killed.total.best).toBe(5);
      }
    });

    it('answers diffs over a cycle of merges a history holds (appended before merges took turns): its incidents count nowhere', async () => {
      const [a, c] = [await open('Cycle A', '2019-12-07T12:00:00Z', 'Acuña'), await open('Cycle C', '2019-12-07T12:00:00Z', 'Acuña')];
      await killed(a, 5);
      const before = last;
      const merge = (incidentId: string, into: string) =>
        t.store.appendToStream(incidentStream(incidentId), [{ id: randomUUID(), type: 'IncidentMergedInto', data: { incidentId, into }, metadata: { schemaVersion: schemaVersionOf('IncidentMergedInto') } }]);
      await merge(a, c);
      last = String((await merge(c, a)).position);
      // Diffs read the history's cuts (no `consistentWith`): they wait for the temporal rows to reach `to`.
      const diff = (path: string) => t.http.get(path).set('Authorization', t.bearer('analyst')).expect(200);
      const { body: across } = await diff(`/tallies/diff?from=${before}&to=${last}&groupBy=COUNTRY`);
      const mexico = across.groups.find((group: { key: { country: string } }) => group.key.country.toLowerCase() === 'mx');
      expect(mexico.incidentsAfter).toBe(mexico.incidentsBefore - 2);
      await diff(`/incidents/${a}/tally/diff?from=${before}&to=${last}`);
      const { data, errors } = await graphql(t, t.bearer('analyst'), TALLIES, { asOf: last });
      expect(errors).toBeUndefined();
      expect(mexico.incidentsAfter).toBe(data!.tallies.find((group: Group) => group.key.country.toLowerCase() === 'mx').incidents);
    });

    it('the demo links the three related incidents of the worked example', async () => {
      last = (await recordDemo(t)).at(-1)!;
      await read('/incidents').expect(200);
      const villaUnion = '6b3f8a52-3c1e-4c1f-9a51-2d0e8f1b7a01';
      const { data } = await graphql(t, t.bearer('analyst'), `query($id: ID!) { incident(id: $id) { links { incident { id title } relation } } }`, { id: villaUnion });
      expect(data!.incident.links).toEqual([
        { incident: { id: '6b3f8a52-3c1e-4c1f-9a51-2d0e8f1b7a02', title: 'Ambush of US citizens in northern Mexico' }, relation: 'RELATED' },
        { incident: { id: '6b3f8a52-3c1e-4c1f-9a51-2d0e8f1b7a03', title: 'Culiacán clashes after the arrest of Ovidio Guzmán' }, relation: 'RELATED' },
      ]);
      const { data: culiacan } = await graphql(t, t.bearer('analyst'), `query($id: ID!) { incident(id: $id) { links { incident { id title } relation } } }`, { id: '6b3f8a52-3c1e-4c1f-9a51-2d0e8f1b7a03' });
      expect(culiacan!.incident.links).toEqual([{ incident: { id: villaUnion, title: 'Attack on Villa Unión' }, relation: 'RELATED' }]);
    });
  });
}
