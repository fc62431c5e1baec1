import type { EventStoreUnderTest } from '../support/event-stores.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { ProjectionsHost } from '../../src/projections/projections-host.js';

const GOVERNMENT = { name: 'Coahuila state government', kind: 'government' };
const AT = '2019-11-30T18:00:00Z';

/** The worked example and the other reads through REST, with the app on the event store `eventStore()` gives. */
export function describeIncidentQueries(name: string, eventStore: () => Promise<EventStoreUnderTest>) {
  describe(`REST reads (worked example: Villa Unión, ${name})`, () => {
    let db: TestDatabase;
    let store: EventStoreUnderTest;
    let t: TestApp;
    let incidentId: string;
    let position: string;

    const write = async (path: string, body: object) => {
      const response = await t.http.post(path).set('Authorization', t.bearer('reporter')).send(body).expect(201);
      position = response.body.position;
      return response.body;
    };
    const read = (path: string, role: 'analyst' | 'auditor' | 'reporter' = 'analyst') => t.http.get(path).set('Authorization', t.bearer(role));
    const casualties = (party: string, outcome: string, count: number, basis: string) =>
      write(`/incidents/${incidentId}/casualties`, { party, outcome, count, basis, occurredAt: AT, source: GOVERNMENT });

    beforeAll(async () => {
      [db, store] = await Promise.all([createTestDatabase(), eventStore()]);
      t = await startTestApp(db.url, store.connectionString);
      ({ incidentId } = await write('/incidents', {
        title: 'Cartel attack on Villa Unión',
        category: 'battle',
        occurredAt: '2019-11-30T12:00:00Z',
        location: { country: 'MX', admin1: 'Coahuila', admin2: 'Villa Unión', place: 'Presidencia municipal' },
        tags: ['cartel'],
      }));
      await casualties('armed_group', 'killed', 7, 'incremental');
      await casualties('armed_group', 'killed', 7, 'incremental');
      await casualties('unknown', 'killed', 3, 'incremental');
      await casualties('armed_group', 'killed', 14, 'cumulative');
      await casualties('police', 'killed', 4, 'cumulative');
      await casualties('civilian', 'killed', 2, 'cumulative');
      await casualties('police', 'injured', 6, 'cumulative');
      await write(`/incidents/${incidentId}/notes`, { text: 'Gunfire lasted about 90 minutes.', occurredAt: '2019-11-30T12:30:00Z', source: GOVERNMENT });
    });
    afterAll(async () => {
      await t?.close();
      await store?.dispose();
      await db?.drop();
    });

    it('shows 23 killed (best) with per-party and per-source figures', async () => {
      const { body: tally } = await read(`/incidents/${incidentId}/tally?consistentWith=${position}`).expect(200);
      expect(tally.killed.total).toEqual({ best: 23, low: 23, high: 23 });
      expect(tally.killed.byParty).toEqual([
        { party: 'armed_group', best: 14, low: 14, high: 14, bestSource: GOVERNMENT.name, numberOfSources: 1, sources: [{ name: GOVERNMENT.name, figure: 14 }] },
        { party: 'police', best: 4, low: 4, high: 4, bestSource: GOVERNMENT.name, numberOfSources: 1, sources: [{ name: GOVERNMENT.name, figure: 4 }] },
        { party: 'civilian', best: 2, low: 2, high: 2, bestSource: GOVERNMENT.name, numberOfSources: 1, sources: [{ name: GOVERNMENT.name, figure: 2 }] },
        { party: 'unknown', best: 3, low: 3, high: 3, bestSource: GOVERNMENT.name, numberOfSources: 1, sources: [{ name: GOVERNMENT.name, figure: 3 }] },
      ]);
      expect(tally.injured.byParty).toEqual([{ party: 'police', best: 6, low: 6, high: 6, bestSource: GOVERNMENT.name, numberOfSources: 1, sources: [{ name: GOVERNMENT.name, figure: 6 }] }]);
    });

    it('GET /incidents/:id is the Incident with its tally', async () => {
      const { body } = await read(`/incidents/${incidentId}?consistentWith=${position}`).expect(200);
      expect(body).toMatchObject({
        id: incidentId,
        incidentId,
        title: 'Cartel attack on Villa Unión',
        category: 'battle',
        occurredAt: '2019-11-30T12:00:00Z',
        location: { country: 'MX', admin1: 'Coahuila', admin2: 'Villa Unión', place: 'Presidencia municipal', lat: null, lon: null },
        description: '',
        tags: ['cartel'],
        status: 'open',
        revision: '8',
      });
      expect(body.tally.killed.total.best).toBe(23);
    });

    it('lists incidents with filters and cursor paging', async () => {
      const second = await write('/incidents', {
        title: 'Ambush',
        category: 'violence_against_civilians',
        occurredAt: '2019-11-04T12:00:00Z',
        location: { country: 'MX', admin1: 'Sonora' },
      });
      const page1 = await read(`/incidents?first=1&consistentWith=${position}`).expect(200);
      expect(page1.body.items.map((i: { id: string }) => i.id)).toEqual([incidentId]);
      expect(page1.body.nextCursor).toEqual(expect.any(String));
      const page2 = await read(`/incidents?first=1&after=${page1.body.nextCursor}`).expect(200);
      expect(page2.body).toEqual({ items: [expect.objectContaining({ id: second.incidentId })], nextCursor: null });
      const sonora = await read('/incidents?country=MX&admin1=Sonora&status=open&occurredFrom=2019-11-01T00:00:00Z&occurredTo=2019-11-10T00:00:00Z').expect(200);
      expect(sonora.body.items.map((i: { id: string }) => i.id)).toEqual([second.incidentId]);
      const battles = await read('/incidents?category=battle').expect(200);
      expect(battles.body.items.map((i: { id: string }) => i.id)).toEqual([incidentId]);
    });

    it('gives the timeline in world-time order with summaries', async () => {
      const { body } = await read(`/incidents/${incidentId}/timeline?first=3&consistentWith=${position}`).expect(200);
      expect(body.items[0]).toEqual({
        recordId: expect.any(String),
        type: 'TimelineNoteAdded',
        occurredAt: '2019-11-30T12:30:00Z',
        datePrecision: 'exact',
        recordedAt: expect.any(String),
        summary: 'Coahuila state government (government): Gunfire lasted about 90 minutes.',
        text: 'Gunfire lasted about 90 minutes.',
        source: GOVERNMENT,
        corrected: false,
        retracted: false,
      });
      expect(body.items[1].summary).toBe('Coahuila state government (government): 7 armed group killed (incremental)');
      const rest = await read(`/incidents/${incidentId}/timeline?after=${body.nextCursor}`).expect(200);
      expect(rest.body.items).toHaveLength(5);
      expect(rest.body.nextCursor).toBeNull();
    });

    it('answers problem+json: 404 unknown incident, 400 naming the field, 403 wrong role, 503 position not reached (400 past the store\'s last event)', async () => {
      const unknown = await read('/incidents/00000000-0000-4000-8000-000000000000').expect(404);
      expect(unknown.headers['content-type']).toMatch(/application\/problem\+json/);
      const bad = await read('/incidents?first=501&status=gone&category=war').expect(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['first', 'status', 'category']));
      const badCursor = await read('/incidents?after=nonsense').expect(400);
      expect(badCursor.body.errors).toEqual([expect.objectContaining({ field: 'after' })]);
      await read(`/incidents/${incidentId}`, 'reporter').expect(403);
      await read(`/incidents/${incidentId}/tally`, 'auditor').expect(200);
      const metrics = await t.http.get('/metrics').expect(200);
      expect(metrics.text).toMatch(/projection_position\{projection="incidents"\} \d+/);
      expect(metrics.text).toMatch(/projection_lag_position\{projection="incidents"\} 0/);
      const issued = await t.store.headPosition();
      // On every read that takes it, those that need not wait too (as of a moment, from the event store).
      const reads: [string, 'analyst' | 'auditor'][] = [
        [`/incidents/${incidentId}`, 'analyst'],
        [`/incidents/${incidentId}/tally?asOf=1`, 'analyst'],
        [`/incidents/${incidentId}/tally?bestPolicy=MEDIAN`, 'analyst'],
        ['/tallies?asOf=1', 'analyst'],
        [`/incidents/${incidentId}/events`, 'auditor'],
      ];
      for (const [path, role] of reads) {
        const past = await read(`${path}${path.includes('?') ? '&' : '?'}consistentWith=${issued + 1n}`, role).expect(400);
        expect(past.body.errors).toEqual([{ field: 'consistentWith', message: expect.stringContaining(`past the last event of the store (position ${issued})`) }]);
      }
      const history = await t.http
        .post('/graphql')
        .set('Authorization', t.bearer('auditor'))
        .send({ query: `{ incidentHistory(id: "${incidentId}", consistentWith: "${issued + 1n}") { items { eventId } } }` });
      expect(history.body.errors[0].extensions).toMatchObject({ status: 400, errors: [{ field: 'consistentWith' }] });
      // A position the store has and the read models have not reached: 503 after the wait.
      const runner = t.app.get(ProjectionsHost).runner('incidents')!;
      await runner.stop();
      try {
        const { position: written } = (await t.http.post(`/incidents/${incidentId}/notes`).set('Authorization', t.bearer('reporter')).send({ text: 'No official count yet.', occurredAt: '2019-11-30T13:00:00Z', source: GOVERNMENT }).expect(201)).body;
        const behind = await read(`/incidents/${incidentId}?consistentWith=${written}`).expect(503);
        expect(behind.body.code).toBe('READ_MODEL.BEHIND');
      } finally {
        runner.start();
      }
    });
  });
}
