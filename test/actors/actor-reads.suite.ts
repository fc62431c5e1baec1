import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeCsvExport } from '../../src/cli/export-csv-file.js';
import { ExportRows } from '../../src/incidents/exports/export-rows.js';
import { IncidentExports } from '../../src/incidents/exports/incident-exports.service.js';
import { csvRecords, download } from '../exports/export-client.js';
import { graphql } from '../graphql/graphql-client.js';
import type { EventStoreUnderTest } from '../support/event-stores.js';
import { appPerSuite } from '../support/suite-app.js';
import type { TestApp } from '../support/test-app.js';

const SOURCE = { name: 'Coahuila state government', kind: 'government' };
const ids = (items: { id: string }[]) => items.map(({ id }) => id).sort();

/**
 * What reads make of actors (docs/actors.md) after merges of actors and of incidents: one rule for
 * "involves an actor" on every read path, each actor and incident once, limits alike on every route.
 */
export function describeActorReads(name: string, eventStore: () => Promise<EventStoreUnderTest>) {
  describe(`actor reads (docs/actors.md, ${name})`, () => {
    let t: TestApp;
    let last = '0';

    const app = appPerSuite(eventStore);
    beforeAll(() => (t = app()));

    const send = (method: 'post' | 'delete', path: string, body: object = {}) => t.http[method](path).set('Authorization', t.bearer(['reporter', 'analyst'])).send(body);
    const write = async (path: string, body: object): Promise<{ actorId: string; incidentId: string; position: string }> => {
      const { body: answer } = await send('post', path, body).expect(201);
      last = answer.position;
      return answer;
    };
    const read = (path: string) => t.http.get(`${path}${path.includes('?') ? '&' : '?'}consistentWith=${last}`).set('Authorization', t.bearer('analyst')).expect(200);
    const gql = async (query: string, variables: Record<string, unknown> = {}) => {
      const { data, errors } = await graphql(t, t.bearer(['reporter', 'analyst']), query, variables);
      expect(errors).toBeUndefined();
      return data!;
    };
    const register = async (actorName: string, actorType = 'political_militia', extra: object = {}) => (await write('/actors', { name: actorName, actorType, ...extra })).actorId;
    const open = async (title: string, occurredAt = '2019-11-30T12:00:00-06:00', admin2 = 'Villa Unión') =>
      (await write('/incidents', { title, category: 'battle', occurredAt, location: { country: 'MX', admin1: 'Coahuila', admin2 } })).incidentId;
    const killed = (incidentId: string, count: number, perpetratorActorId?: string) =>
      write(`/incidents/${incidentId}/casualties`, { party: 'police', outcome: 'killed', count, basis: 'incremental', occurredAt: '2019-11-30T13:00:00-06:00', source: SOURCE, ...(perpetratorActorId ? { perpetratorActorId } : {}) });
    const csv = async (path: string) => csvRecords((await download(t, `${path}&consistentWith=${last}`).expect(200)).body);

    it('filters actorId and actorType take in perpetrators, as groupBy ACTOR does, on lists, GraphQL, tallies, as-of, exports and the CLI', async () => {
      const gang = await register('Frente Armado del Norte', 'rebel_group');
      const perpetrated = await open('Ambush on a patrol');
      await killed(perpetrated, 3, gang);
      const attached = await open('Roadblock');
      await write(`/incidents/${attached}/actors`, { actorId: gang, role: 'side_a' });
      const expected = [perpetrated, attached].sort();

      expect(ids((await read(`/incidents?actorId=${gang}`)).body.items)).toEqual(expected);
      expect(ids((await read('/incidents?actorType=rebel_group&first=500')).body.items)).toEqual(expect.arrayContaining(expected));
      const listed = await gql(`query($id: ID!) { incidents(filter: { actorId: $id }) { items { id } } }`, { id: gang });
      expect(ids(listed.incidents.items)).toEqual(expected);

      type Group = { key: { actor: { id: string } | null }; incidents: number; killed: { total: { best: number } } };
      const groupOf = (groups: Group[]) => groups.find(({ key }) => key.actor?.id === gang);
      const all = groupOf((await read('/tallies?groupBy=ACTOR')).body);
      expect(all).toMatchObject({ incidents: 1, killed: { total: { best: 3 } } });
      expect(groupOf((await read(`/tallies?groupBy=ACTOR&actorId=${gang}`)).body)).toEqual(all);
      expect(groupOf((await read(`/tallies?groupBy=ACTOR&actorId=${gang}&asOf=${last}`)).body)).toEqual(all);
      expect((await read(`/tallies?actorId=${gang}&asOf=${last}`)).body).toMatchObject([{ incidents: 2, killed: { total: { best: 3 } } }]);
      expect((await read(`/tallies?actorType=rebel_group&country=MX`)).body[0].incidents).toBeGreaterThanOrEqual(2);

      const exported = async (query: string) => (await csv(`/exports/incidents.csv?format=native&${query}`)).map((row) => row.incident_id).sort();
      expect(await exported(`actorId=${gang}`)).toEqual(expected);
      expect(await exported(`actorId=${gang}&asOf=${last}`)).toEqual(expected);
      expect(await exported(`actorType=rebel_group&asOf=${last}`)).toEqual(expect.arrayContaining(expected));
      const out = join(tmpdir(), `actor-${randomUUID()}.csv`);
      await writeCsvExport(t.app.get(IncidentExports), t.app.get(ExportRows), { actorId: gang, out });
      expect(csvRecords(readFileSync(out, 'utf8')).map((row) => row.incident_id).sort()).toEqual(expected);
      await expect(writeCsvExport(t.app.get(IncidentExports), t.app.get(ExportRows), { actorType: 'cartel', out })).rejects.toThrow(/--actor-type/);
    });

    it('lists with an actor the incidents it is the perpetrator of a figure of (role perpetrator), as its actorId filter finds them, on REST and GraphQL', async () => {
      const gang = await register('Los Ántrax');
      const rival = await register('Gente Nueva');
      const perpetrated = await open('Ambush on the highway', '2019-11-29T12:00:00Z');
      await killed(perpetrated, 2, gang);
      const attached = await open('Roadblock at the toll booth', '2019-11-28T12:00:00Z');
      await write(`/incidents/${attached}/actors`, { actorId: gang, role: 'side_b' });
      await killed(attached, 1, gang);
      const overridden = await open('Shooting at a bar', '2019-11-27T12:00:00Z');
      await killed(overridden, 1, gang);
      await killed(overridden, 2, rival);

      const listed = [
        { incident: { id: perpetrated, title: 'Ambush on the highway' }, role: 'perpetrator' },
        { incident: { id: attached, title: 'Roadblock at the toll booth' }, role: 'side_b' },
        { incident: { id: attached, title: 'Roadblock at the toll booth' }, role: 'perpetrator' },
      ];
      expect((await read(`/actors/${gang}`)).body.incidents).toEqual(listed);
      const { actor } = await gql(`query($id: ID!) { actor(id: $id) { incidents { incident { id } role } } }`, { id: gang });
      expect(actor.incidents).toEqual(listed.map(({ incident, role }) => ({ incident: { id: incident.id }, role: role.toUpperCase() })));
      expect(ids((await read(`/incidents?actorId=${gang}`)).body.items)).toEqual([perpetrated, attached].sort());
      expect((await read(`/actors/${rival}`)).body.incidents).toEqual([{ incident: { id: overridden, title: 'Shooting at a bar' }, role: 'perpetrator' }]);
    });

    it('shows an actor and one merged into it, attached in the same role, once; lists an incident merged into another as its survivor, once', async () => {
      const survivor = await register('Cártel de Juárez');
      const merged = await register('La Línea');
      const attack = await open('Attack on the town hall');
      const duplicate = await open('Town hall shooting');
      await write(`/incidents/${attack}/actors`, { actorId: survivor, role: 'side_a' });
      await write(`/incidents/${attack}/actors`, { actorId: merged, role: 'side_a' });
      await write(`/incidents/${duplicate}/actors`, { actorId: merged, role: 'side_a' });
      const ownOnly = await register('Policía Municipal', 'state_forces');
      await write(`/incidents/${duplicate}/actors`, { actorId: ownOnly, role: 'side_b' });
      await write(`/actors/${merged}/merge`, { into: survivor });
      await write(`/incidents/${duplicate}/merge`, { into: attack });

      const shown = [
        { actor: { id: survivor, name: 'Cártel de Juárez', actorType: 'political_militia' }, role: 'side_a' },
        { actor: { id: ownOnly, name: 'Policía Municipal', actorType: 'state_forces' }, role: 'side_b' },
      ];
      expect((await read(`/incidents/${attack}`)).body.actors).toEqual(shown);
      const { incident } = await gql(`query($id: ID!) { incident(id: $id) { actors { actor { id } role } } }`, { id: attack });
      expect(incident.actors).toEqual(shown.map(({ actor, role }) => ({ actor: { id: actor.id }, role: role.toUpperCase() })));
      const incidents = [{ incident: { id: attack, title: 'Attack on the town hall' }, role: 'side_a' }];
      expect((await read(`/actors/${survivor}`)).body.incidents).toEqual(incidents);
      expect((await read(`/actors/${merged}`)).body.incidents).toEqual(incidents);
      expect((await read(`/actors/${ownOnly}`)).body.incidents).toEqual([{ incident: { id: attack, title: 'Attack on the town hall' }, role: 'side_b' }]);
      const { actor } = await gql(`query($id: ID!) { actor(id: $id) { incidents { incident { id } role } } }`, { id: merged });
      expect(actor.incidents).toEqual([{ incident: { id: attack }, role: 'SIDE_A' }]);
      expect(ids((await read(`/incidents?actorId=${ownOnly}`)).body.items)).toEqual([attack]);

      for (const asOf of ['', `&asOf=${last}`]) {
        const acled = (await csv(`/exports/incidents.csv?format=acled&actorId=${merged}${asOf}`)).find((row) => row.event_id_cnty === attack);
        expect(acled).toMatchObject({ actor1: 'Cártel de Juárez', actor2: 'Policía Municipal' });
        const ucdp = (await csv(`/exports/incidents.csv?format=ucdp&actorId=${merged}${asOf}`)).find((row) => row.id === attack);
        expect(ucdp).toMatchObject({ side_a: 'Cártel de Juárez', side_b: 'Policía Municipal' });
      }
    });

    it('records.csv names each record’s perpetrator as its survivor, with its name', async () => {
      const survivor = await register('Los Viagras');
      const merged = await register('Cártel de los Viagras');
      const incidentId = await open('Clash in Apatzingán');
      await killed(incidentId, 2, merged);
      await killed(incidentId, 1);
      await write(`/actors/${merged}/merge`, { into: survivor });
      const rows = await csv(`/exports/records.csv?actorId=${survivor}`);
      expect(rows.map(({ perpetrator_actor_id, perpetrator_name }) => [perpetrator_actor_id, perpetrator_name])).toEqual([[survivor, 'Los Viagras'], ['', '']]);
    });

    it('shows parentActorId as the survivor of a parent merged since', async () => {
      const parent = await register('Cártel del Pacífico');
      const faction = await register('Los Mayos', 'political_militia', { parentActorId: parent });
      const into = await register('Cártel de Sinaloa');
      await write(`/actors/${parent}/merge`, { into });
      expect((await read(`/actors/${faction}`)).body.parentActorId).toBe(into);
      const { actor } = await gql(`query($id: ID!) { actor(id: $id) { parentActorId } }`, { id: faction });
      expect(actor.parentActorId).toBe(into);
    });

    it('limits aliases alike on registration and the alias route, REST and GraphQL: 100 characters each, 50 in all', async () => {
      const long = 'x'.repeat(101);
      const refused = async (path: string, body: object, status: number, field: string) => {
        const { body: problem } = await send('post', path, body).expect(status).expect('Content-Type', /application\/problem\+json/);
        expect(problem.errors.map((error: { field: string }) => error.field)).toContain(field);
        return problem;
      };
      await refused('/actors', { name: 'Too long', actorType: 'rioters', aliases: ['ok', long] }, 400, 'aliases[1]');
      await refused('/actors', { name: 'Too many', actorType: 'rioters', aliases: Array.from({ length: 51 }, (_, n) => `alias ${n}`) }, 400, 'aliases');
      const actorId = await register('Many names', 'rioters', { aliases: Array.from({ length: 49 }, (_, n) => `alias ${n}`) });
      await refused(`/actors/${actorId}/aliases`, { alias: long }, 400, 'alias');
      await write(`/actors/${actorId}/aliases`, { alias: 'y'.repeat(100) });
      expect((await refused(`/actors/${actorId}/aliases`, { alias: 'one too many' }, 422, 'alias')).code).toBe('ACTOR.TOO_MANY_ALIASES');
      expect((await read(`/actors/${actorId}`)).body.aliases).toHaveLength(50);
      const { errors } = await graphql(t, t.bearer('reporter'), `mutation($id: ID!, $alias: String!) { addActorAlias(actorId: $id, alias: $alias) { revision } }`, { id: actorId, alias: long });
      expect(errors?.[0].extensions).toMatchObject({ code: 'INPUT.INVALID', errors: [{ field: 'alias' }] });
      const many = await graphql(t, t.bearer('reporter'), `mutation($id: ID!) { addActorAlias(actorId: $id, alias: "another") { revision } }`, { id: actorId });
      expect(many.errors?.[0].extensions).toMatchObject({ code: 'ACTOR.TOO_MANY_ALIASES', errors: [{ field: 'alias' }] });
    });

    it('answers DELETE /incidents/{id}/actors/{actorId} with 201 and the write answer, as every write', async () => {
      const actorId = await register('Autodefensas', 'identity_militia');
      const incidentId = await open('Checkpoint');
      await write(`/incidents/${incidentId}/actors`, { actorId, role: 'associated' });
      const { body } = await send('delete', `/incidents/${incidentId}/actors/${actorId}`).expect(201);
      expect(body).toEqual({ incidentId, revision: '2', position: expect.stringMatching(/^\d+$/) });
    });

    it('leaves out of duplicate candidates the survivor of a merged incident and incidents linked to it', async () => {
      const at = '2019-12-03T12:00:00Z';
      const survivor = await open('Attack in Múzquiz', at, 'Múzquiz');
      const merged = await open('Múzquiz attack', at, 'Múzquiz');
      const linked = await open('Follow-up raid in Múzquiz', at, 'Múzquiz');
      const other = await open('Shooting in Múzquiz', at, 'Múzquiz');
      await write(`/incidents/${merged}/merge`, { into: survivor });
      await write(`/incidents/${linked}/links`, { otherIncidentId: survivor, relation: 'follow_up' });
      const candidates = async (id: string) => (await read(`/incidents/${id}/duplicate-candidates?first=50`)).body.items.map((item: { incident: { id: string } }) => item.incident.id);
      expect(await candidates(merged)).toEqual(expect.arrayContaining([linked, other]));
      expect(await candidates(merged)).not.toContain(survivor);
      const ofSurvivor = await candidates(survivor);
      expect(ofSurvivor).toContain(other);
      expect(ofSurvivor).not.toContain(linked);
      expect(ofSurvivor).not.toContain(merged);
      expect(await candidates(linked)).not.toContain(survivor);
      const { incident } = await gql(`query($id: ID!) { incident(id: $id) { duplicateCandidates(first: 50) { items { incident { id } } } } }`, { id: merged });
      expect(incident.duplicateCandidates.items.map((item: { incident: { id: string } }) => item.incident.id)).not.toContain(survivor);
    });
  });
}
