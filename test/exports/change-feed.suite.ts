import { graphql } from '../graphql/graphql-client.js';
import type { EventStoreUnderTest } from '../support/event-stores.js';
import { appPerSuite } from '../support/suite-app.js';
import type { TestApp } from '../support/test-app.js';

const SOURCE = { name: 'Coahuila state government', kind: 'government' };
const PARTIES = ['armed_group', 'police', 'civilian', 'unknown'];

const TALLIES = /* GraphQL */ `
  query($groupBy: [TallyDimension!], $filter: IncidentFilter, $asOf: String) {
    tallies(groupBy: $groupBy, filter: $filter, asOf: $asOf) {
      key { country admin1 party day month actor { id name actorType } } incidents
      killed { total { best low high } byParty { party best low high bestSource numberOfSources sources { name figure } } }
      injured { total { best low high } byParty { party best low high bestSource numberOfSources sources { name figure } } }
      hostages { party taken released rescued escaped killed held } vehiclesSeized weaponsSeized arrests
    }
  }`;

/** GraphQL enums are upper case, REST's lower case: the same groups compare equal once both are lower-cased. */
const lowerCased = (value: unknown): unknown => JSON.parse(JSON.stringify(value).toLowerCase());

/** `GET /changes` and `GET /tallies` (docs/exports.md), and a client keeping a local copy in sync through them. */
export function describeChangeFeed(name: string, eventStore: () => Promise<EventStoreUnderTest>) {
  describe(`change feed and REST tallies (docs/exports.md, ${name})`, () => {
    let t: TestApp;
    let last = '0';

    const write = async (path: string, body: object): Promise<{ incidentId: string; position: string; recordId?: string; actorId?: string }> => {
      const response = await t.http.post(path).set('Authorization', t.bearer('reporter')).send(body).expect(201);
      last = response.body.position;
      return response.body;
    };
    const read = (path: string) => t.http.get(path).set('Authorization', t.bearer('analyst'));
    const open = (n: number) =>
      write('/incidents', { title: `Incident ${n}`, category: 'battle', occurredAt: `2019-${n % 2 ? '11' : '12'}-0${(n % 9) + 1}T12:00:00Z`, location: { country: n % 3 ? 'MX' : 'CO', admin1: `State ${n % 2}`, admin2: 'A', place: 'P' } });
    const report = (incidentId: string, n: number) =>
      write(`/incidents/${incidentId}/casualties`, { party: PARTIES[n % 4], outcome: n % 5 ? 'killed' : 'injured', count: (n % 7) + 1, basis: n % 3 ? 'incremental' : 'cumulative', occurredAt: '2019-11-30T12:00:00Z', source: { ...SOURCE, name: `Source ${n % 2}` } });

    const app = appPerSuite(eventStore);
    beforeAll(() => (t = app()));

    it('lists each changed incident once, by the position of its latest change, paged', async () => {
      const ids: string[] = [];
      for (let n = 0; n < 3; n++) ids.push((await open(n)).incidentId);
      await report(ids[0], 1);
      const start = (await read(`/changes?first=500&consistentWith=${last}`).expect(200)).body.items.at(-1).position;
      await report(ids[1], 2);
      await report(ids[0], 3);
      await write(`/incidents/${ids[2]}/close`, {});
      const pages = [];
      let after = start;
      for (;;) {
        const { body } = await read(`/changes?after=${after}&first=1&consistentWith=${last}`).expect(200);
        pages.push(...body.items);
        if (body.nextCursor === null) break;
        after = body.nextCursor;
      }
      expect(pages.map(({ incidentId, change }) => [incidentId, change])).toEqual([
        [ids[1], 'changed'],
        [ids[0], 'changed'],
        [ids[2], 'closed'],
      ]);
      expect(pages.at(-1).position).toBe(last);
      expect((await read(`/changes?after=${last}`).expect(200)).body).toEqual({ items: [], nextCursor: null });
      for (const [query, field] of [['after=abc', 'after'], ['after=99999999999999999999', 'after'], ['first=0', 'first'], ['first=501', 'first']]) {
        const { body } = await read(`/changes?${query}`).expect(400);
        expect(body.errors.map((error: { field: string }) => error.field)).toContain(field);
      }
      await t.http.get('/changes').set('Authorization', t.bearer('reporter')).expect(403);
    });

    it('lists every incident an event changed, also across pages that split its position, and resumes after any item', async () => {
      const before = last;
      const ids: string[] = [];
      for (let n = 0; n < 4; n++) {
        const { incidentId } = await open(20 + n);
        await write(`/incidents/${incidentId}/casualties`, { party: 'civilian', outcome: 'killed', count: 1, basis: 'incremental', occurredAt: '2019-11-30T12:00:00Z', source: { name: 'Feed alias', kind: 'media' } });
        ids.push(incidentId);
      }
      // One event changes several incidents: a merge its two, a registry alias every incident citing it.
      const { position: merged } = await write(`/incidents/${ids[0]}/merge`, { into: ids[1] });
      const { position: aliased } = await write('/sources', { name: 'Feed source', aliases: ['Feed alias'], kind: 'media', scale: 'national', reliability: 'A' });
      const pages: { incidentId: string; position: string; cursor: string }[] = [];
      for (let after = before; ; ) {
        const { body } = await read(`/changes?after=${after}&first=1&consistentWith=${last}`).expect(200);
        pages.push(...body.items);
        if (body.nextCursor === null) break;
        after = body.nextCursor;
      }
      const at = (position: string) => pages.filter((item) => item.position === position).map(({ incidentId }) => incidentId).sort();
      expect(at(merged)).toEqual([]);
      expect(at(aliased)).toEqual([...ids].sort());
      // Resuming after an item in the middle of a position lists the rest of it; after the position itself, none of it.
      const middle = pages.findIndex((item) => item.position === aliased) + 1;
      const rest = (await read(`/changes?after=${pages[middle].cursor}&first=500`).expect(200)).body.items;
      expect(rest.map(({ incidentId }: { incidentId: string }) => incidentId)).toEqual(pages.slice(middle + 1).map(({ incidentId }) => incidentId));
      expect((await read(`/changes?after=${aliased}`).expect(200)).body.items).toEqual([]);
      const forged = Buffer.from(JSON.stringify([aliased, 'not-a-uuid'])).toString('base64url');
      for (const after of [forged, 'abc', Buffer.from('[]').toString('base64url')]) {
        const { body } = await read(`/changes?after=${after}`).expect(400);
        expect(body.errors.map((error: { field: string }) => error.field)).toEqual(['after']);
      }
    });

    it('lists the incidents an actor merge changes how they read (attached, or a perpetrator, also through an earlier merge) at its position', async () => {
      const actor = async (name: string) => (await write('/actors', { name, actorType: 'political_militia' })).actorId!;
      const [earlier, merged, survivor, other] = [await actor('Feed earlier'), await actor('Feed merged'), await actor('Feed survivor'), await actor('Feed other')];
      await write(`/actors/${earlier}/merge`, { into: merged });
      const [attached, perpetrated, throughEarlier, untouched] = await Promise.all([open(30), open(31), open(32), open(33)]).then((all) => all.map(({ incidentId }) => incidentId));
      await write(`/incidents/${attached}/actors`, { actorId: merged, role: 'side_a' });
      // A retracted record still names its perpetrator (records.csv lists it with its flag).
      const { recordId } = await write(`/incidents/${perpetrated}/casualties`, { party: 'police', outcome: 'killed', count: 1, basis: 'incremental', occurredAt: '2019-11-30T12:00:00Z', source: SOURCE, perpetratorActorId: merged });
      await write(`/incidents/${perpetrated}/records/${recordId!}/retraction`, { reason: 'wrong incident' });
      await write(`/incidents/${throughEarlier}/actors`, { actorId: earlier, role: 'target' });
      await write(`/incidents/${untouched}/actors`, { actorId: other, role: 'side_b' });
      // An incident shows the actors of those merged into it, along a chain of merges too.
      const [top, host, guest] = await Promise.all([open(34), open(35), open(36)]).then((all) => all.map(({ incidentId }) => incidentId));
      await write(`/incidents/${guest}/actors`, { actorId: merged, role: 'side_b' });
      await write(`/incidents/${guest}/merge`, { into: host });
      await write(`/incidents/${host}/merge`, { into: top });
      const before = last;
      const { position } = await write(`/actors/${merged}/merge`, { into: survivor });
      const { body } = await read(`/changes?after=${before}&first=500&consistentWith=${last}`).expect(200);
      const expected = [...[attached, perpetrated, throughEarlier, top].map((incidentId) => [incidentId, position, 'changed']), ...[guest, host].map((incidentId) => [incidentId, position, 'merged'])];
      expect(body.items.map(({ incidentId, position: at, change }: { incidentId: string; position: string; change: string }) => [incidentId, at, change])).toEqual(
        expected.sort((a, b) => (a[0] < b[0] ? -1 : 1)),
      );
    });

    it('GET /tallies answers what GraphQL tallies answers, grouped, filtered and as of a position', async () => {
      const { incidentId } = await open(4);
      const asOf = last;
      await report(incidentId, 4);
      for (const query of [
        { rest: 'groupBy=COUNTRY,MONTH', gql: { groupBy: ['COUNTRY', 'MONTH'] } },
        { rest: 'groupBy=PARTY&country=MX', gql: { groupBy: ['PARTY'], filter: { country: 'MX' } } },
        { rest: `groupBy=ADMIN1&groupBy=DAY&asOf=${asOf}`, gql: { groupBy: ['ADMIN1', 'DAY'], asOf } },
        { rest: '', gql: {} },
      ]) {
        const { body: rest } = await read(`/tallies?${query.rest}&consistentWith=${last}`).expect(200);
        const { data } = await graphql(t, t.bearer('analyst'), TALLIES, query.gql);
        expect(rest.length).toBeGreaterThan(0);
        expect(lowerCased(rest)).toEqual(lowerCased(data!.tallies));
      }
      for (const [query, field] of [['groupBy=WEEK', 'groupBy'], ['bestPolicy=HIGHEST', 'bestPolicy'], ['asOf=soon', 'asOf'], ['status=gone', 'status']]) {
        const { body } = await read(`/tallies?${query}`).expect(400);
        expect(body.errors.map((error: { field: string }) => error.field)).toContain(field);
      }
    });

    it('a client following /changes from position 0 while writes arrive ends with exactly the server incidents and tallies', async () => {
      let writing = true;
      let wrote!: () => void;
      let nextWrite = new Promise<void>((resolve) => (wrote = resolve));
      const writer = async () => {
        const ids: string[] = [];
        for (let n = 0; n < 40; n++) {
          if (n % 6 === 0) ids.push((await open(10 + n)).incidentId);
          else if (n === 39) await write(`/incidents/${ids[1]}/close`, {});
          else await report(ids[(n * 5) % ids.length], n);
          wrote();
          nextWrite = new Promise<void>((resolve) => (wrote = resolve));
        }
        writing = false;
        wrote();
      };

      const local = new Map<string, unknown>();
      let after = '0';
      /** Applies changes until caught up (with `consistentWith`, up to that position at least). */
      const pull = async (consistentWith?: string) => {
        for (;;) {
          const { body } = await read(`/changes?after=${after}&first=4${consistentWith ? `&consistentWith=${consistentWith}` : ''}`).expect(200);
          for (const { incidentId, change, cursor, position } of body.items) {
            // A merged incident is left out of lists and sums: its survivor, listed too, counts it.
            if (change === 'merged') local.delete(incidentId);
            else local.set(incidentId, (await read(`/incidents/${incidentId}?consistentWith=${position}`).expect(200)).body);
            after = cursor;
          }
          if (body.nextCursor === null) return;
        }
      };
      const client = async () => {
        while (writing) {
          const written = nextWrite;
          await pull();
          await written;
        }
        await pull(last);
      };
      await Promise.all([writer(), client()]);

      const server = new Map<string, unknown>();
      for (let cursor: string | null = null, first = true; first || cursor !== null; first = false) {
        const { body }: { body: { items: { id: string }[]; nextCursor: string | null } } = await read(`/incidents?first=500${cursor ? `&after=${cursor}` : ''}`).expect(200);
        for (const incident of body.items) server.set(incident.id, incident);
        cursor = body.nextCursor;
      }
      expect(local.size).toBeGreaterThan(8);
      expect(local).toEqual(server);
      const [all] = (await read('/tallies').expect(200)).body;
      const tallies = [...local.values()].map((incident) => (incident as { tally: { killed: { total: { best: number; low: number; high: number } }; injured: { total: { best: number } } } }).tally);
      expect(all.incidents).toBe(local.size);
      expect(all.killed.total).toEqual({
        best: tallies.reduce((sum, tally) => sum + tally.killed.total.best, 0),
        low: tallies.reduce((sum, tally) => sum + tally.killed.total.low, 0),
        high: tallies.reduce((sum, tally) => sum + tally.killed.total.high, 0),
      });
      expect(all.injured.total.best).toBe(tallies.reduce((sum, tally) => sum + tally.injured.total.best, 0));
    });
  });
}
