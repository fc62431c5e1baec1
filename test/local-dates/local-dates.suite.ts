import fc from 'fast-check';
import type { EventStoreUnderTest } from '../support/event-stores.js';
import { appPerSuite } from '../support/suite-app.js';
import type { TestApp } from '../support/test-app.js';
import { graphql } from '../graphql/graphql-client.js';

const GOV = { name: 'Coahuila state government', kind: 'government' };
const LATE = '2019-11-30T23:30:00-06:00';

/** `instant` (ms) on the wall clock of UTC`offset` (minutes), written as a reporter there would: `2019-11-30T23:30:00-06:00`. */
function localTime(instant: number, offset: number): string {
  const wall = new Date(instant + offset * 60_000).toISOString().slice(0, 19);
  const sign = offset < 0 ? '-' : '+';
  const hours = String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0');
  return `${wall}${sign}${hours}:${String(Math.abs(offset) % 60).padStart(2, '0')}`;
}

type Reported = { readonly incidentId: string; readonly localDate: string; readonly killed: number };
type Group = { key: { day: string | null; month: string | null }; incidents: number; killed: { total: { best: number } } };

/** The reference: incidents grouped by the calendar date on their reporter's wall clock, computed here from the instant and offset. */
function referenceGroups(incidents: readonly Reported[], key: 'day' | 'month'): Group[] {
  const groups = new Map<string, Group>();
  for (const { localDate, killed } of incidents) {
    const id = key === 'day' ? localDate : localDate.slice(0, 7);
    const group = groups.get(id) ?? { key: { day: key === 'day' ? id : null, month: key === 'month' ? id : null }, incidents: 0, killed: { total: { best: 0 } } };
    group.incidents++;
    group.killed.total.best += killed;
    groups.set(id, group);
  }
  return [...groups.values()].sort((a, b) => ((a.key.day ?? a.key.month)! < (b.key.day ?? b.key.month)! ? -1 : 1));
}

/** docs/time-and-place.md "Local dates" and "Precision" through REST and GraphQL, on the event store `eventStore()` gives. */
export function describeLocalDates(name: string, eventStore: () => Promise<EventStoreUnderTest>) {
  describe(`local dates and precision (${name})`, () => {
    let t: TestApp;
    let position = '0';

    const write = async (path: string, body: object) => {
      const response = await t.http.post(path).set('Authorization', t.bearer('reporter')).send(body).expect(201);
      position = response.body.position;
      return response.body;
    };
    const read = async (path: string) => (await t.http.get(path).set('Authorization', t.bearer('analyst')).expect(200)).body;
    const query = async (text: string, variables: Record<string, unknown> = {}) => {
      const response = await graphql(t, t.bearer('analyst'), text, variables);
      expect(response.errors).toBeUndefined();
      return response.data!;
    };

    const app = appPerSuite(eventStore);
    beforeAll(() => (t = app()));

    describe('the 23:30 −06:00 attack on 30 November', () => {
      let incidentId: string;
      beforeAll(async () => {
        ({ incidentId } = await write('/incidents', {
          title: 'Night attack',
          category: 'battle',
          occurredAt: LATE,
          datePrecision: 'day',
          occurredUntil: '2019-12-01T01:00:00-06:00',
          location: { country: 'MX', admin1: 'Coahuila', lat: 28.22, lon: -100.72, geoPrecision: 'near' },
        }));
        await write(`/incidents/${incidentId}/casualties`, { occurredAt: LATE, datePrecision: 'week', source: GOV, party: 'police', outcome: 'killed', count: 4, basis: 'cumulative' });
      });

      it('is read back with the offset as given, with its precision, on REST and GraphQL', async () => {
        const incident = await read(`/incidents/${incidentId}?consistentWith=${position}`);
        expect(incident).toMatchObject({ occurredAt: LATE, datePrecision: 'day', occurredUntil: '2019-12-01T01:00:00-06:00', location: { lat: 28.22, lon: -100.72, geoPrecision: 'near' } });
        const [entry] = (await read(`/incidents/${incidentId}/timeline`)).items;
        expect(entry).toMatchObject({ occurredAt: LATE, datePrecision: 'week' });
        const data = await query(`query ($id: ID!) { incident(id: $id) { occurredAt datePrecision occurredUntil location { geoPrecision } timeline { items { occurredAt datePrecision } } } }`, { id: incidentId });
        expect(data.incident).toEqual({
          occurredAt: LATE,
          datePrecision: 'DAY',
          occurredUntil: '2019-12-01T01:00:00-06:00',
          location: { geoPrecision: 'NEAR' },
          timeline: { items: [{ occurredAt: LATE, datePrecision: 'WEEK' }] },
        });
      });

      it('is counted on 30 November, and listed under 30 November, not 1 December', async () => {
        const day = (date: string) => `country=MX&occurredFrom=${date}&occurredTo=${date}`;
        expect((await read(`/incidents?${day('2019-11-30')}`)).items.map((item: { id: string }) => item.id)).toEqual([incidentId]);
        expect((await read(`/incidents?${day('2019-12-01')}`)).items).toEqual([]);
        const [group] = await read('/tallies?country=MX&groupBy=DAY');
        expect(group).toMatchObject({ key: { day: '2019-11-30' }, incidents: 1, killed: { total: { best: 4 } } });
        const data = await query(`{ tallies(filter: { country: "MX", occurredTo: "2019-11-30" }, groupBy: [DAY, MONTH]) { key { day month } incidents } }`);
        expect(data.tallies).toEqual([{ key: { day: '2019-11-30', month: '2019-11' }, incidents: 1 }]);
        // Its record too: the incident's tally as of now, for the world-time window of 30 November.
        const tally = await read(`/incidents/${incidentId}/tally?asOf=${position}&occurredFrom=2019-11-30&occurredTo=2019-11-30`);
        expect(tally.killed.total.best).toBe(4);
      });
    });

    describe('precision rules', () => {
      const opening = { title: 'Clash', category: 'battle', occurredAt: '2019-11-30T12:00:00-06:00', location: { country: 'MX', admin1: 'Coahuila' } };
      const refused = async (body: object, field: string) => {
        const response = await t.http.post('/incidents').set('Authorization', t.bearer('reporter')).send(body).expect(400);
        expect(response.headers['content-type']).toContain('application/problem+json');
        expect(JSON.stringify(response.body)).toContain(field);
      };

      it('defaults an incident to an exact date, and to admin1 without coordinates, point with them', async () => {
        const plain = await write('/incidents', opening);
        const located = await write('/incidents', { ...opening, location: { ...opening.location, lat: 1, lon: 2 } });
        expect(await read(`/incidents/${plain.incidentId}?consistentWith=${position}`)).toMatchObject({ datePrecision: 'exact', occurredUntil: null, location: { geoPrecision: 'admin1' } });
        expect(await read(`/incidents/${located.incidentId}`)).toMatchObject({ location: { geoPrecision: 'point' } });
      });

      it('refuses an occurredUntil before occurredAt, a point without coordinates and unknown precisions, naming the field', async () => {
        await refused({ ...opening, occurredUntil: '2019-11-30T11:00:00-06:00' }, 'occurredUntil');
        await refused({ ...opening, occurredAt: '2019-12-01T01:00:00+14:00', occurredUntil: '2019-11-30T23:00:00-12:00' }, 'occurredUntil');
        await refused({ ...opening, location: { ...opening.location, geoPrecision: 'point' } }, 'location.geoPrecision');
        await refused({ ...opening, location: { ...opening.location, geoPrecision: 'city' } }, 'geoPrecision');
        await refused({ ...opening, datePrecision: 'fortnight' }, 'datePrecision');
        await refused({ ...opening, location: { ...opening.location, lat: 16.27 } }, 'lat');
        const response = await graphql(t, t.bearer('reporter'), `mutation { openIncident(input: { title: "C", category: BATTLE, occurredAt: "2019-11-30", occurredUntil: "2019-11-29", location: { country: "MX", admin1: "Coahuila" } }) { incidentId } }`);
        expect(response.errors![0].extensions).toMatchObject({ code: 'OCCURRED_UNTIL.BEFORE_OCCURRED_AT' });
        expect(JSON.stringify(response.errors![0].extensions)).toContain('occurredUntil');
      });
    });

    // Instants within 40 hours of 1 December 00:00 UTC, so that offsets move them across days and months.
    const reported = fc.record({
      instant: fc.integer({ min: -40 * 60, max: 40 * 60 }).map((minutes) => Date.UTC(2019, 11, 1) + minutes * 60_000),
      offset: fc.integer({ min: -48, max: 56 }).map((quarters) => quarters * 15),
      killed: fc.integer({ min: 1, max: 9 }),
    });
    const date = fc.constantFrom('2019-11-29', '2019-11-30', '2019-12-01', '2019-12-02');

    it('DAY/MONTH groups and day windows agree across REST and GraphQL lists, tallies, as-of and the local-date rule (property)', async () => {
      const incidents: Reported[] = [];
      await fc.assert(
        // A window that ends before it starts is refused (400): its ends are taken in order.
        fc.asyncProperty(fc.array(reported, { minLength: 1, maxLength: 3 }), fc.tuple(date, date).map((ends) => ends.sort()), async (batch, [from, to]) => {
          for (const { instant, offset, killed } of batch) {
            const occurredAt = localTime(instant, offset);
            const { incidentId } = await write('/incidents', { title: 'Clash', category: 'battle', occurredAt, location: { country: 'CO', admin1: 'Antioquia' } });
            await write(`/incidents/${incidentId}/casualties`, { occurredAt, source: GOV, party: 'civilian', outcome: 'killed', count: killed, basis: 'cumulative' });
            incidents.push({ incidentId, localDate: new Date(instant + offset * 60_000).toISOString().slice(0, 10), killed });
          }
          const inWindow = incidents.filter(({ localDate }) => localDate >= from && localDate <= to);
          const ids = inWindow.map(({ incidentId }) => incidentId).sort();
          const filter = `country=CO&occurredFrom=${from}&occurredTo=${to}`;

          const listed = (await read(`/incidents?${filter}&first=500&consistentWith=${position}`)).items.map((item: { id: string }) => item.id);
          expect(listed.sort()).toEqual(ids);
          const graphFilter = { country: 'CO', occurredFrom: from, occurredTo: to };
          const graphListed = await query(`query ($filter: IncidentFilter) { incidents(filter: $filter, first: 500) { items { id } } }`, { filter: graphFilter });
          expect(graphListed.incidents.items.map((item: { id: string }) => item.id).sort()).toEqual(ids);

          for (const [groupBy, key] of [['DAY', 'day'], ['MONTH', 'month']] as const) {
            const expected = referenceGroups(inWindow, key);
            const shape = (groups: Group[]) => groups.map(({ key: { day, month }, incidents: count, killed: { total } }) => ({ key: { day, month }, incidents: count, killed: { total: { best: total.best } } }));
            expect(shape(await read(`/tallies?${filter}&groupBy=${groupBy}`))).toEqual(expected);
            expect(shape(await read(`/tallies?${filter}&groupBy=${groupBy}&asOf=${position}`))).toEqual(expected);
            const graphGroups = await query(`query ($filter: IncidentFilter, $asOf: String) { tallies(filter: $filter, groupBy: [${groupBy}], asOf: $asOf) { key { day month } incidents killed { total { best } } } }`, { filter: graphFilter });
            expect(graphGroups.tallies).toEqual(expected);
            const graphAsOf = await query(`query ($filter: IncidentFilter, $asOf: String) { tallies(filter: $filter, groupBy: [${groupBy}], asOf: $asOf) { key { day month } incidents killed { total { best } } } }`, { filter: graphFilter, asOf: position });
            expect(graphAsOf.tallies).toEqual(expected);
          }
        }),
        { numRuns: 20 },
      );
      // About 20 writes and 12 reads a run, the as-of ones folding the whole store: minutes on a busy machine.
    }, 300_000);
  });
}
