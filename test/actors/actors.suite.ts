import { randomUUID } from 'node:crypto';
import { recordDemo } from '../exports/export-client.js';
import { graphql } from '../graphql/graphql-client.js';
import type { EventStoreUnderTest } from '../support/event-stores.js';
import { appPerSuite } from '../support/suite-app.js';
import type { TestApp } from '../support/test-app.js';

const SOURCE = { name: 'Coahuila state government', kind: 'government' };

/** docs/actors.md's actor registry and actors on incidents, through REST and GraphQL, on the event store `eventStore()` gives. */
export function describeActors(name: string, eventStore: () => Promise<EventStoreUnderTest>) {
  describe(`actors (docs/actors.md, ${name})`, () => {
    let t: TestApp;

    const app = appPerSuite(eventStore);
    beforeAll(() => (t = app()));

    const post = (path: string, body: object, key?: string) => {
      const request = t.http.post(path).set('Authorization', t.bearer(['reporter', 'analyst'])).send(body);
      return key ? request.set('Idempotency-Key', key) : request;
    };
    const get = (path: string) => t.http.get(path).set('Authorization', t.bearer('analyst'));
    const register = async (body: object): Promise<{ actorId: string; position: string }> => (await post('/actors', body).expect(201)).body;
    const openIncident = async (): Promise<string> =>
      (await post('/incidents', { title: 'Attack on Villa Unión', category: 'battle', occurredAt: '2019-11-30T12:00:00-06:00', location: { country: 'MX', admin1: 'Coahuila' } }).expect(201)).body.incidentId;

    it('registers an actor with 201 { actorId, revision, position }, idempotently, and reads it back', async () => {
      const body = { name: 'Cártel del Noreste', aliases: ['CDN'], actorType: 'political_militia' };
      const first = (await post('/actors', body, 'cdn-1').expect(201)).body;
      expect(first).toEqual({ actorId: expect.any(String), revision: '0', position: expect.stringMatching(/^\d+$/) });
      expect((await post('/actors', body, 'cdn-1').expect(201)).body).toEqual(first);
      const actor = (await get(`/actors/${first.actorId}?consistentWith=${first.position}`).expect(200)).body;
      expect(actor).toMatchObject({ id: first.actorId, name: 'Cártel del Noreste', aliases: ['CDN'], actorType: 'political_militia', parentActorId: null, incidents: [] });
    });

    it('refuses an unknown parent with 404 naming parentActorId, and a bad actorType with 400 naming it', async () => {
      const unknown = await post('/actors', { name: 'Faction', actorType: 'political_militia', parentActorId: randomUUID() }).expect(404);
      expect(unknown.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(unknown.body).toMatchObject({ code: 'ACTOR.NOT_FOUND', errors: [{ field: 'parentActorId' }] });
      const bad = await post('/actors', { name: 'Cartel', actorType: 'cartel' }).expect(400);
      expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'actorType' })]);
    });

    it('registers a faction under its parent', async () => {
      const parent = await register({ name: 'Cártel de Sinaloa', actorType: 'political_militia' });
      const faction = await register({ name: 'Los Chapitos', actorType: 'political_militia', parentActorId: parent.actorId });
      expect((await get(`/actors/${faction.actorId}?consistentWith=${faction.position}`).expect(200)).body.parentActorId).toBe(parent.actorId);
    });

    it('attaches actors to an incident in roles, refuses unknown actors naming the field, and shows them on REST and GraphQL', async () => {
      const cartel = await register({ name: 'Cartel A', actorType: 'political_militia' });
      const police = await register({ name: 'Coahuila state police', actorType: 'state_forces' });
      const incidentId = await openIncident();
      await post(`/incidents/${incidentId}/actors`, { actorId: cartel.actorId, role: 'perpetrator' }).expect(201);
      const missing = await post(`/incidents/${incidentId}/actors`, { actorId: randomUUID(), role: 'side_a' }).expect(404);
      expect(missing.body).toMatchObject({ code: 'ACTOR.NOT_FOUND', errors: [{ field: 'actorId' }] });
      const record = { party: 'police', outcome: 'killed', count: 4, basis: 'incremental', occurredAt: '2019-11-30T13:00:00-06:00', source: SOURCE };
      const unknownPerpetrator = await post(`/incidents/${incidentId}/casualties`, { ...record, perpetratorActorId: randomUUID() }).expect(404);
      expect(unknownPerpetrator.body.errors).toEqual([expect.objectContaining({ field: 'perpetratorActorId' })]);
      await post(`/incidents/${incidentId}/casualties`, { ...record, perpetratorActorId: cartel.actorId }).expect(201);
      const { position } = (await post(`/incidents/${incidentId}/actors`, { actorId: police.actorId, role: 'side_b' }).expect(201)).body;

      const expected = [
        { actor: { id: cartel.actorId, name: 'Cartel A', actorType: 'political_militia' }, role: 'perpetrator' },
        { actor: { id: police.actorId, name: 'Coahuila state police', actorType: 'state_forces' }, role: 'side_b' },
      ];
      expect((await get(`/incidents/${incidentId}?consistentWith=${position}`).expect(200)).body.actors).toEqual(expected);
      const gql = await graphql(t, t.bearer('analyst'), `query($id: ID!) { incident(id: $id) { actors { actor { id name actorType } role } } }`, { id: incidentId });
      expect(gql.data?.incident.actors).toEqual(expected.map(({ actor, role }) => ({ actor: { ...actor, actorType: actor.actorType.toUpperCase() }, role: role.toUpperCase() })));
      expect((await get(`/actors/${police.actorId}`).expect(200)).body.incidents).toEqual([{ incident: { id: incidentId, title: 'Attack on Villa Unión' }, role: 'side_b' }]);

      const detached = (await t.http.delete(`/incidents/${incidentId}/actors/${police.actorId}`).set('Authorization', t.bearer(['reporter', 'analyst'])).expect(201)).body;
      expect((await get(`/incidents/${incidentId}?consistentWith=${detached.position}`).expect(200)).body.actors).toEqual([expected[0]]);
      const again = await t.http.delete(`/incidents/${incidentId}/actors/${police.actorId}`).set('Authorization', t.bearer(['reporter', 'analyst'])).expect(404);
      expect(again.body).toMatchObject({ code: 'ACTOR.NOT_ATTACHED', errors: [{ field: 'actorId' }] });
    });

    it('merges an actor: it answers as the survivor from then on; merging twice changes nothing; into itself is refused', async () => {
      const survivor = await register({ name: 'Cártel del Golfo', actorType: 'political_militia' });
      const merged = await register({ name: 'CDG', actorType: 'political_militia' });
      const incidentId = await openIncident();
      await post(`/incidents/${incidentId}/actors`, { actorId: merged.actorId, role: 'side_a' }).expect(201);
      const first = (await post(`/actors/${merged.actorId}/merge`, { into: survivor.actorId }).expect(201)).body;
      expect((await post(`/actors/${merged.actorId}/merge`, { into: survivor.actorId }).expect(201)).body).toEqual(first);
      const self = await post(`/actors/${survivor.actorId}/merge`, { into: merged.actorId }).expect(422);
      expect(self.body).toMatchObject({ code: 'ACTOR.MERGE_INTO_SELF', errors: [{ field: 'into' }] });

      const answer = (await get(`/actors/${merged.actorId}?consistentWith=${first.position}`).expect(200)).body;
      expect(answer).toMatchObject({ id: survivor.actorId, name: 'Cártel del Golfo', mergedActorIds: [merged.actorId] });
      expect(answer.incidents).toEqual([{ incident: { id: incidentId, title: 'Attack on Villa Unión' }, role: 'side_a' }]);
      expect((await get(`/incidents/${incidentId}`).expect(200)).body.actors).toEqual([{ actor: { id: survivor.actorId, name: 'Cártel del Golfo', actorType: 'political_militia' }, role: 'side_a' }]);
      const listed = (await get('/actors?actorType=political_militia&first=500').expect(200)).body.items.map((actor: { id: string }) => actor.id);
      expect(listed).toContain(survivor.actorId);
      expect(listed).not.toContain(merged.actorId);
      // Merged on into a third actor, the survivor moves on: a merged actor's refusal names the end of the chain.
      const third = await register({ name: 'Golfo', actorType: 'political_militia' });
      await post(`/actors/${survivor.actorId}/merge`, { into: third.actorId }).expect(201);
      const alias = await post(`/actors/${merged.actorId}/aliases`, { alias: 'Golfos' }).expect(422);
      expect(alias.body).toMatchObject({ code: 'ACTOR.MERGED', detail: `Actor ${merged.actorId} was merged into ${third.actorId}; write to that actor`, errors: [{ field: 'actorId' }] });
    });

    it('decides merges sent at once one after the other: of two actors merged into each other at once, one merge is refused', async () => {
      const [a, b] = await Promise.all([register({ name: 'Ring A', actorType: 'political_militia' }), register({ name: 'Ring B', actorType: 'political_militia' })]);
      const answers = await Promise.all([post(`/actors/${a.actorId}/merge`, { into: b.actorId }), post(`/actors/${b.actorId}/merge`, { into: a.actorId })]);
      expect(answers.map(({ status }) => status).sort()).toEqual([201, 422]);
      expect(answers.find(({ status }) => status === 422)!.body.code).toBe('ACTOR.MERGE_INTO_SELF');
      const { position } = answers.find(({ status }) => status === 201)!.body;
      const [readA, readB] = await Promise.all([a, b].map(async ({ actorId }) => (await get(`/actors/${actorId}?consistentWith=${position}`).expect(200)).body));
      expect(readA.id).toBe(readB.id);
    });

    it('offers the registry on GraphQL: registerActor, addActorAlias, mergeActor, actors, actor', async () => {
      const auth = t.bearer(['reporter', 'analyst']);
      const registered = await graphql(t, auth, `mutation { registerActor(input: { name: "Guardia Nacional", actorType: STATE_FORCES }) { actorId revision position } }`);
      const { actorId } = registered.data!.registerActor;
      await graphql(t, auth, `mutation($id: ID!) { addActorAlias(actorId: $id, alias: "GN") { revision } }`, { id: actorId });
      const unknown = await graphql(t, auth, `mutation($id: ID!, $into: ID!) { mergeActor(actorId: $id, into: $into) { revision } }`, { id: actorId, into: randomUUID() });
      expect(unknown.errors?.[0].extensions).toMatchObject({ code: 'ACTOR.NOT_FOUND', errors: [{ field: 'into' }] });
      const read = await graphql(t, auth, `query($id: ID!) { actor(id: $id, consistentWith: "${registered.data!.registerActor.position}") { name aliases actorType } actors(actorType: STATE_FORCES) { items { id } } }`, { id: actorId });
      expect(read.errors).toBeUndefined();
      expect(read.data?.actor.actorType).toBe('STATE_FORCES');
    });

    it('records the demo with its actors: Villa Unión was the cartel (perpetrator) against the state police (side_b)', async () => {
      const last = (await recordDemo(t)).at(-1)!;
      const villaUnion = '6b3f8a52-3c1e-4c1f-9a51-2d0e8f1b7a01';
      const { data } = await graphql(t, t.bearer('analyst'), `query($id: ID!) { incident(id: $id, consistentWith: "${last}") { actors { actor { id name actorType } role } } }`, { id: villaUnion });
      expect(data?.incident.actors).toEqual([
        { actor: { id: '8a2d6c14-5b3e-4f7a-9c21-3e4f5a6b7c01', name: 'Cártel del Noreste', actorType: 'POLITICAL_MILITIA' }, role: 'PERPETRATOR' },
        { actor: { id: '8a2d6c14-5b3e-4f7a-9c21-3e4f5a6b7c02', name: 'Coahuila state police', actorType: 'STATE_FORCES' }, role: 'SIDE_B' },
      ]);
      const listed = (await get(`/incidents?actorType=state_forces&consistentWith=${last}`).expect(200)).body.items.map((incident: { id: string }) => incident.id);
      expect(listed).toContain(villaUnion);
      const byCartel = (await get('/incidents?actorId=8a2d6c14-5b3e-4f7a-9c21-3e4f5a6b7c01').expect(200)).body.items.map((incident: { id: string }) => incident.id);
      expect(byCartel).toEqual([villaUnion]);
    });

    it('groups casualties by ACTOR (as survivors) with an unattributed group; after merging two aliases one group, as of before two', async () => {
      const first = await register({ name: 'Los Zetas', actorType: 'political_militia' });
      const second = await register({ name: 'Zetas', actorType: 'political_militia' });
      const incidentId = (await post('/incidents', { title: 'Clash', category: 'battle', occurredAt: '2019-11-30T12:00:00Z', location: { country: 'GT', admin1: 'Petén' } }).expect(201)).body.incidentId;
      const casualties = (party: string, count: number, perpetratorActorId?: string) =>
        post(`/incidents/${incidentId}/casualties`, { party, outcome: 'killed', count, basis: 'incremental', occurredAt: '2019-11-30T13:00:00Z', source: SOURCE, ...(perpetratorActorId ? { perpetratorActorId } : {}) }).expect(201);
      await casualties('police', 4, first.actorId);
      await casualties('civilian', 2, second.actorId);
      const before = (await casualties('unknown', 1)).body.position;
      const groups = async (query: string) =>
        ((await get(`/tallies?groupBy=ACTOR&country=GT&${query}`).expect(200)).body as { key: { actor: { id: string } | null }; killed: { total: { best: number } } }[]).map(({ key, killed }) => [key.actor?.id ?? null, killed.total.best]);
      // Groups come in key order: the unattributed group (actor null) last.
      expect(await groups(`consistentWith=${before}`)).toEqual([...[[first.actorId, 4], [second.actorId, 2]].sort(), [null, 1]]);

      const merged = (await post(`/actors/${second.actorId}/merge`, { into: first.actorId }).expect(201)).body.position;
      expect(await groups(`consistentWith=${merged}`)).toEqual([[first.actorId, 6], [null, 1]]);
      expect(await groups(`asOf=${before}`)).toEqual([...[[first.actorId, 4], [second.actorId, 2]].sort(), [null, 1]]);
      expect(await groups(`asOf=${merged}`)).toEqual([[first.actorId, 6], [null, 1]]);
      const gql = await graphql(t, t.bearer('analyst'), `{ tallies(groupBy: [ACTOR], filter: { country: "GT" }) { key { actor { id name actorType } } killed { total { best } } } }`);
      expect(gql.data?.tallies).toEqual([
        { key: { actor: { id: first.actorId, name: 'Los Zetas', actorType: 'POLITICAL_MILITIA' } }, killed: { total: { best: 6 } } },
        { key: { actor: null }, killed: { total: { best: 1 } } },
      ]);
    });
  });
}
