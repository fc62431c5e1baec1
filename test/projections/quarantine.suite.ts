import { jest } from '@jest/globals';
import { AsOfTallyService } from '../../src/incidents/audit/as-of-tally.service.js';
import { recordedAtOf } from '../../src/event-store/envelope.js';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { incidentWorkload } from '../../bench/incident-workload.js';
import { runMigrations } from '../../src/database/data-source.js';
import { type EnvelopeMetadata, lastHash, sealEvents } from '../../src/event-store/envelope.js';
import type { EventStore, RecordedEvent } from '../../src/event-store/event-store.port.js';
import { actorStream, incidentIdOf, incidentStream, sourceStream } from '../../src/event-store/stream-names.js';
import { PgListener } from '../../src/database/pg-listener.js';
import { ProjectionPositions } from '../../src/projections/projection-positions.js';
import { ProjectionsHost } from '../../src/projections/projections-host.js';
import { quarantinedStreams } from '../../src/projections/quarantine.js';
import { rebuildProjection } from '../../src/projections/rebuild.js';
import { graphql } from '../graphql/graphql-client.js';
import type { EventStoreUnderTest } from '../support/event-stores.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { appendEvents, eventStoreFor, projectionHarness, type ProjectionHarness } from './projection-harness.js';
import { expectReadModelsToEqualPureTallies } from './read-model-expectations.js';

/** An offset PostgreSQL cannot store (it allows ±15:59): what the API accepted in `occurredAt` before it checked. */
const UNSTORABLE_TIME = '2019-11-30T12:00:00+23:00';

/**
 * Appends to the incident's stream, as the API would have, a sealed casualty report copied from the
 * stream's last one, at `occurredAt` (by default one the read model cannot store: a poison event).
 */
async function appendPoison(store: EventStore, incidentId: string, occurredAt = UNSTORABLE_TIME): Promise<RecordedEvent> {
  const stream = incidentStream(incidentId);
  const events = await store.readStream(stream);
  const template = events.findLast((event) => event.type === 'CasualtiesReported')!;
  const { hash: _hash, ...metadata } = template.metadata as unknown as EnvelopeMetadata & { hash?: string };
  const data = { ...template.data, recordId: randomUUID(), occurredAt };
  const sealed = sealEvents(lastHash(events), [{ id: randomUUID(), type: template.type, data }], { ...metadata, commandId: randomUUID() });
  await store.appendToStream(stream, sealed, { expectedRevision: events.at(-1)!.revision });
  return (await store.readStream(stream)).at(-1)!;
}

const GOV = { name: 'Coahuila state government', kind: 'government' };
const opening = (incidentId: string) => ({
  incidentId, title: `Attack ${incidentId}`, category: 'battle', occurredAt: '2019-11-30T12:00:00-06:00', location: { country: 'MX', admin1: 'Coahuila' },
});
const killed = (count: number) => ({ occurredAt: '2019-11-30T14:00:00Z', source: GOV, party: 'armed_group', outcome: 'killed', count, basis: 'incremental' });

/** A trigger on `incident_summaries` raising `sqlstate` for rows of `incidentId` (every incident when null), the first `times` times (always when null). */
async function failWrites(dataSource: DataSource, sqlstate: string, { incidentId = null, times = null }: { incidentId?: string | null; times?: number | null }) {
  // A sequence counts across rolled-back transactions.
  await dataSource.query('CREATE SEQUENCE injected_failures');
  const raise = sqlstate === 'kill'
    ? 'PERFORM pg_terminate_backend(pg_backend_pid())'
    : `RAISE EXCEPTION 'injected failure' USING ERRCODE = '${sqlstate}'`;
  await dataSource.query(`
    CREATE FUNCTION inject_failure() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF (${incidentId === null ? 'true' : `NEW.incident_id = '${incidentId}'`}) AND (${times === null ? 'true' : `nextval('injected_failures') <= ${times}`}) THEN ${raise}; END IF;
      RETURN NEW;
    END $$`);
  await dataSource.query('CREATE TRIGGER inject_failure BEFORE INSERT OR UPDATE ON incident_summaries FOR EACH ROW EXECUTE FUNCTION inject_failure()');
}
const stopFailing = (dataSource: DataSource) => dataSource.query('DROP TRIGGER inject_failure ON incident_summaries');

/** Runs against the event store `eventStore()` gives, a fresh one (and a fresh database) per test. */
export function describeQuarantine(name: string, eventStore: () => Promise<EventStoreUnderTest>) {
  describe(`poison events and quarantine (${name})`, () => {
    let db: TestDatabase;
    let store: EventStoreUnderTest;

    beforeEach(async () => {
      [db, store] = await Promise.all([createTestDatabase(), eventStore()]);
      await runMigrations(db.url);
    });
    afterEach(async () => {
      await store?.dispose();
      await db?.drop();
    });

    describe('through the app', () => {
      let t: TestApp;
      afterEach(() => t?.close());

      it('quarantines the incident of an event it cannot apply, names it everywhere, and keeps every other incident advancing', async () => {
        t = await startTestApp(db.url, store.connectionString);
        const [reporter, analyst, auditor, admin] = [t.bearer('reporter'), t.bearer('analyst'), t.bearer('auditor'), t.bearer('admin')];
        const [poisoned, healthy] = [randomUUID(), randomUUID()];
        let position = '';
        for (const id of [poisoned, healthy]) {
          await t.http.post('/incidents').set('Authorization', reporter).send(opening(id)).expect(201);
          ({ position } = (await t.http.post(`/incidents/${id}/casualties`).set('Authorization', reporter).send(killed(7)).expect(201)).body);
        }
        await t.http.get(`/incidents/${poisoned}?consistentWith=${position}`).set('Authorization', analyst).expect(200);

        const poison = await appendPoison(t.store, poisoned);
        const later = await appendPoison(t.store, healthy, '2019-11-30T15:00:00Z');
        // The read models include the other incident's event appended after the poison (the bound only ends a stalled run).
        await t.app.get(ProjectionPositions).waitFor('incidents', later.position, 60_000);
        const tally = await t.http.get(`/incidents/${healthy}/tally`).set('Authorization', analyst).expect(200);
        expect(tally.body.killed.total.best).toBe(14);

        const [held] = await quarantinedStreams(t.app.get(DataSource));
        expect(held).toMatchObject({ projection: 'incidents', stream: incidentStream(poisoned), position: poison.position, eventId: poison.id, eventType: 'CasualtiesReported', attempts: 2 });
        expect(held.error).toMatch(/time zone displacement out of range/);

        // Its reads answer 503 naming the event and the error, also for a position past the poison (no wait).
        const after = (await t.http.post(`/incidents/${poisoned}/casualties`).set('Authorization', reporter).send(killed(1)).expect(201)).body.position;
        for (const path of [`/incidents/${poisoned}?consistentWith=${after}`, `/incidents/${poisoned}/tally`, `/incidents/${poisoned}/timeline`]) {
          const response = await t.http.get(path).set('Authorization', analyst).expect(503).expect('Content-Type', /application\/problem\+json/);
          expect(response.body.code).toBe('READ_MODEL.QUARANTINED');
          expect(response.body.detail).toContain(`position ${poison.position}`);
          expect(response.body.detail).toContain(held.error);
        }
        const query = await graphql(t, analyst, 'query($id: ID!) { incident(id: $id) { title } }', { id: poisoned });
        expect(query.errors?.[0].extensions).toMatchObject({ code: 'READ_MODEL.QUARANTINED', status: 503 });
        // Lists and cross-incident tallies leave it out; everything else is served.
        const list = await t.http.get('/incidents').set('Authorization', analyst).expect(200);
        expect(list.body.items.map((item: { id: string }) => item.id)).toEqual([healthy]);
        const groups = await graphql(t, analyst, '{ tallies(groupBy: []) { incidents killed { total { best } } } }');
        expect(groups.data?.tallies).toEqual([{ incidents: 1, killed: { total: { best: 14 } } }]);
        // As of a moment, it is served, folded from its history, which is complete (docs/quarantine.md).
        const [folded] = (await t.app.get(AsOfTallyService).known({ asOf: after, incidentIds: [poisoned] })).incidents;
        const asOfTally = await t.http.get(`/incidents/${poisoned}/tally?asOf=${after}`).set('Authorization', analyst).expect(200);
        expect(asOfTally.body.killed.total.best).toBe(folded.tally.killed.total.best);
        // GraphQL serves it too when asked only what its history answers (through fragments and variables as well); its read model's fields stay refused.
        const killedBest = '{ killed { total { best } } }';
        const diff = (await t.http.get(`/incidents/${poisoned}/tally/diff?from=0&to=${after}`).set('Authorization', analyst).expect(200)).body;
        const history = await graphql(
          t,
          analyst,
          `query($id: ID!, $at: String) { incident(id: $id) { id ...past } }
           fragment past on Incident { tally(asOf: $at) ${killedBest} tallyDiff(from: "0", to: "${after}") { casualties { after { best } records { recordId } } } }`,
          { id: poisoned, at: after },
        );
        expect(history.errors).toBeUndefined();
        expect(history.data?.incident).toEqual({
          id: poisoned,
          tally: { killed: { total: { best: folded.tally.killed.total.best } } },
          tallyDiff: {
            casualties: diff.casualties.map(({ after: figure, records }: { after: { best: number }; records: { recordId: string }[] }) => ({
              after: { best: figure.best },
              records: records.map(({ recordId }) => ({ recordId })),
            })),
          },
        });
        // Under another policy than the read model's, its current tally comes from the history too, as on REST.
        const median = await graphql(t, analyst, `query($id: ID!) { incident(id: $id) { tally(bestPolicy: MEDIAN) ${killedBest} } }`, { id: poisoned });
        expect(median.errors).toBeUndefined();
        const medianRest = await t.http.get(`/incidents/${poisoned}/tally?bestPolicy=MEDIAN`).set('Authorization', analyst).expect(200);
        expect(median.data?.incident).toEqual({ tally: { killed: { total: { best: medianRest.body.killed.total.best } } } });
        const refusals: [string, Record<string, unknown>][] = [
          [`($id: ID!) { incident(id: $id) { tally ${killedBest} } }`, { id: poisoned }],
          [`($id: ID!, $at: String) { incident(id: $id) { tally(asOf: $at) ${killedBest} } }`, { id: poisoned, at: null }],
          [`($id: ID!, $at: String) { incident(id: $id) { title tally(asOf: $at) ${killedBest} } }`, { id: poisoned, at: after }],
        ];
        for (const [query, variables] of refusals) {
          const refused = await graphql(t, analyst, `query${query}`, variables);
          expect(refused.errors?.[0].extensions).toMatchObject({ code: 'READ_MODEL.QUARANTINED', status: 503 });
        }
        const asOfGroups = await graphql(t, analyst, `{ tallies(groupBy: [], asOf: "${after}") { incidents killed { total { best } } } }`);
        expect(asOfGroups.data?.tallies).toEqual([{ incidents: 2, killed: { total: { best: 14 + folded.tally.killed.total.best } } }]);
        // A time stands for every event recorded by then, its skipped ones too.
        const [skipped] = await t.store.readAll({ fromPosition: BigInt(after), maxCount: 1 });
        expect(await t.app.get(AsOfTallyService).cutOf({ time: recordedAtOf(skipped) })).toBe(skipped.position);

        const health = await t.http.get('/health').expect(200);
        expect(health.body.status).toBe('degraded');
        expect(health.body.details['projection:incidents']).toMatchObject({
          status: 'degraded',
          reason: expect.stringContaining(`${incidentStream(poisoned)} quarantined at position ${poison.position}`),
          quarantined: [expect.objectContaining({ stream: incidentStream(poisoned), position: String(poison.position), error: held.error })],
        });
        const metrics = (await t.http.get('/metrics').expect(200)).text;
        expect(metrics).toMatch(/^projection_quarantined_streams\{projection="incidents"\} 1$/m);
        expect(Number(/^projection_failures_total\{projection="incidents"\} (\d+)$/m.exec(metrics)?.[1])).toBeGreaterThanOrEqual(2);

        const verified = (await t.http.get('/audit/verify').set('Authorization', auditor).expect(200)).body;
        expect(verified).toMatchObject({ ok: false, chainBreaks: [], readModelDifferences: [] });
        expect(verified.quarantined).toEqual([expect.objectContaining({ stream: incidentStream(poisoned), position: String(poison.position), eventType: 'CasualtiesReported' })]);

        // A rebuild lifts the quarantine and tries the event again: it still fails, so it is quarantined again, and nothing else changes.
        const host = t.app.get(ProjectionsHost);
        const listener = new PgListener(db.url);
        await rebuildProjection({
          projection: host.projection('incidents'),
          dataSource: t.app.get(DataSource),
          store: t.store,
          listener,
          createRunner: (options) => host.createRunner(host.projection('incidents'), options),
        }).finally(() => listener.close());
        const [again] = await quarantinedStreams(t.app.get(DataSource));
        expect(again).toMatchObject({ stream: incidentStream(poisoned), position: poison.position });
        expect(again.firstFailedAt.getTime()).toBeGreaterThan(held.firstFailedAt.getTime());
        expect((await t.http.get(`/incidents/${healthy}/tally`).set('Authorization', admin).expect(200)).body).toEqual(tally.body);
      }, 120_000);

      it('serves an incident whose opening event it cannot apply, as known then, wherever its history answers (REST and GraphQL alike)', async () => {
        t = await startTestApp(db.url, store.connectionString);
        const [reporter, analyst] = [t.bearer('reporter'), t.bearer('analyst')];
        const [poisoned, healthy] = [randomUUID(), randomUUID()];
        await t.http.post('/incidents').set('Authorization', reporter).send(opening(healthy)).expect(201);
        // A copy of its opening at a time the read model cannot store, as the first event of another incident, sealed as the API would have.
        const [opened] = await t.store.readStream(incidentStream(healthy));
        const { hash: _hash, ...metadata } = opened.metadata as unknown as EnvelopeMetadata & { hash?: string };
        const data = { ...opened.data, incidentId: poisoned, occurredAt: UNSTORABLE_TIME };
        await t.store.appendToStream(incidentStream(poisoned), sealEvents(null, [{ id: randomUUID(), type: opened.type, data }], { ...metadata, commandId: randomUUID() }));
        const { position } = (await t.http.post(`/incidents/${poisoned}/casualties`).set('Authorization', reporter).send(killed(4)).expect(201)).body;
        await t.app.get(ProjectionPositions).waitFor('incidents', BigInt(position), 60_000);
        expect(await quarantinedStreams(t.app.get(DataSource), 'incidents')).toEqual([expect.objectContaining({ stream: incidentStream(poisoned), eventType: 'IncidentOpened' })]);

        const rest = await t.http.get(`/incidents/${poisoned}/tally?asOf=${position}`).set('Authorization', analyst).expect(200);
        expect(rest.body.killed.total.best).toBe(4);
        const diff = (await t.http.get(`/incidents/${poisoned}/tally/diff?from=0&to=${position}`).set('Authorization', analyst).expect(200)).body;
        const history = await graphql(
          t,
          analyst,
          'query($id: ID!, $at: String!) { incident(id: $id) { id tally(asOf: $at) { killed { total { best } } } tallyDiff(from: "0", to: $at) { casualties { after { best } } } } }',
          { id: poisoned, at: position },
        );
        expect(history.errors).toBeUndefined();
        expect(history.data?.incident).toEqual({
          id: poisoned,
          tally: { killed: { total: { best: 4 } } },
          tallyDiff: { casualties: diff.casualties.map(({ after }: { after: { best: number } }) => ({ after: { best: after.best } })) },
        });
        // Its read model's fields are refused as for any held-back incident; an incident without events is still not found.
        const refused = await graphql(t, analyst, 'query($id: ID!) { incident(id: $id) { title } }', { id: poisoned });
        expect(refused.errors?.[0].extensions).toMatchObject({ code: 'READ_MODEL.QUARANTINED', status: 503 });
        expect((await t.http.get(`/incidents/${poisoned}`).set('Authorization', analyst).expect(503)).body.code).toBe('READ_MODEL.QUARANTINED');
        const unknown = await graphql(t, analyst, 'query($id: ID!) { incident(id: $id) { id } }', { id: randomUUID() });
        expect(unknown.errors?.[0].extensions).toMatchObject({ code: 'INCIDENT.NOT_FOUND', status: 404 });
      }, 120_000);

      it('sets aside a registry event no fold can read: its source alone, in every fold of the registry; every incident stays applied and every read answers', async () => {
        t = await startTestApp(db.url, store.connectionString);
        const [reporter, analyst, auditor] = [t.bearer('reporter'), t.bearer('analyst'), t.bearer('auditor')];
        const registered = (await t.http.post('/sources').set('Authorization', reporter).send({ name: 'Coahuila state government', aliases: ['Gov'], kind: 'government', scale: 'regional', reliability: 'B' }).expect(201)).body;
        // A copy of its registration under another source, its aliases not a list, sealed as the API would have (a hand-edited import).
        const [template] = await t.store.readStream(sourceStream(registered.sourceId));
        const { hash: _hash, ...metadata } = template.metadata as unknown as EnvelopeMetadata & { hash?: string };
        const bad = randomUUID();
        const data = { ...template.data, sourceId: bad, name: 'Paper', aliases: 42 };
        await t.store.appendToStream(sourceStream(bad), sealEvents(null, [{ id: randomUUID(), type: template.type, data }], { ...metadata, commandId: randomUUID() }));
        const incident = randomUUID();
        await t.http.post('/incidents').set('Authorization', reporter).send(opening(incident)).expect(201);
        await t.http.post(`/incidents/${incident}/casualties`).set('Authorization', reporter).send({ ...killed(3), source: { name: 'Gov', kind: 'government' } }).expect(201);
        const { position } = (await t.http.post(`/incidents/${incident}/casualties`).set('Authorization', reporter).send({ ...killed(5), source: { name: 'Paper', kind: 'media' } }).expect(201)).body;
        await t.app.get(ProjectionPositions).waitFor('incidents', BigInt(position), 60_000);
        await t.app.get(ProjectionPositions).waitFor('sources', BigInt(position), 60_000);

        expect(await quarantinedStreams(t.app.get(DataSource))).toEqual([expect.objectContaining({ projection: 'sources', stream: sourceStream(bad), eventType: 'SourceRegistered' })]);
        // "Paper" is no registered source: it counts as its own, beside the registered one "Gov" names.
        const tally = (await t.http.get(`/incidents/${incident}/tally`).set('Authorization', analyst).expect(200)).body;
        expect(tally.killed.byParty[0].sources.map(({ name }: { name: string }) => name).sort()).toEqual(['Coahuila state government', 'Paper']);
        for (const path of [`/incidents/${incident}/tally?asOf=${position}`, `/incidents/${incident}/tally?bestPolicy=MOST_RELIABLE`, `/tallies?asOf=${position}`, `/tallies/diff?from=0&to=${position}`]) {
          await t.http.get(path).set('Authorization', analyst).expect(200);
        }
        const asOf = await graphql(t, analyst, `{ tallies(groupBy: [], asOf: "${position}") { killed { total { best } } } }`);
        expect(asOf.data?.tallies).toEqual([{ killed: { total: { best: tally.killed.total.best } } }]);
        const refused = await t.http.patch(`/sources/${bad}`).set('Authorization', reporter).send({ reliability: 'A' }).expect(422);
        expect(refused.body.code).toBe('SOURCE.UNREADABLE');
        // Its reads answer as a held-back actor's: 503 naming the event, left out of the list.
        expect((await t.http.get(`/sources/${bad}`).set('Authorization', analyst).expect(503)).body.code).toBe('READ_MODEL.QUARANTINED');
        const source = await graphql(t, analyst, 'query($id: ID!) { source(id: $id) { name } }', { id: bad });
        expect(source.errors?.[0].extensions).toMatchObject({ code: 'READ_MODEL.QUARANTINED', status: 503 });
        const listed = (await t.http.get('/sources').set('Authorization', analyst).expect(200)).body.items;
        expect(listed.map(({ sourceId }: { sourceId: string }) => sourceId)).toEqual([registered.sourceId]);
        const verified = (await t.http.get('/audit/verify').set('Authorization', auditor).expect(200)).body;
        expect(verified).toMatchObject({ chainBreaks: [], readModelDifferences: [] });
      }, 120_000);

      it('holds back an actor of an event it cannot apply: its reads answer 503, lists leave it out, the other actors are served', async () => {
        t = await startTestApp(db.url, store.connectionString);
        const [reporter, analyst] = [t.bearer('reporter'), t.bearer('analyst')];
        const register = async (name: string) => (await t.http.post('/actors').set('Authorization', reporter).send({ name, actorType: 'political_militia' }).expect(201)).body.actorId as string;
        const [poisoned, healthy] = [await register('Cártel A'), await register('Cártel B')];
        // A copy of its registration naming a parent no read model can store (not a uuid), sealed as the API would have.
        const stream = actorStream(poisoned);
        const events = await t.store.readStream(stream);
        const { hash: _hash, ...metadata } = events[0].metadata as unknown as EnvelopeMetadata & { hash?: string };
        const sealed = sealEvents(lastHash(events), [{ id: randomUUID(), type: events[0].type, data: { ...events[0].data, parentActorId: 'not-a-uuid' } }], { ...metadata, commandId: randomUUID() });
        await t.store.appendToStream(stream, sealed, { expectedRevision: events.at(-1)!.revision });
        const { position } = (await t.http.post(`/actors/${healthy}/aliases`).set('Authorization', reporter).send({ alias: 'CB' }).expect(201)).body;
        await t.app.get(ProjectionPositions).waitFor('actors', BigInt(position), 60_000);

        expect(await quarantinedStreams(t.app.get(DataSource), 'actors')).toEqual([expect.objectContaining({ stream })]);
        const refused = await t.http.get(`/actors/${poisoned}`).set('Authorization', analyst).expect(503);
        expect(refused.body.code).toBe('READ_MODEL.QUARANTINED');
        const query = await graphql(t, analyst, 'query($id: ID!) { actor(id: $id) { name } }', { id: poisoned });
        expect(query.errors?.[0].extensions).toMatchObject({ code: 'READ_MODEL.QUARANTINED', status: 503 });
        const list = await t.http.get('/actors').set('Authorization', analyst).expect(200);
        expect(list.body.items.map((item: { actorId: string }) => item.actorId)).toEqual([healthy]);
        expect((await t.http.get(`/actors/${healthy}`).set('Authorization', analyst).expect(200)).body.aliases).toEqual(['CB']);
        // Its stream is unreadable to commands too (422, nothing appended); folds over every actor skip it, as-of reads by actor answer.
        const command = await t.http.post(`/actors/${poisoned}/aliases`).set('Authorization', reporter).send({ alias: 'CA' }).expect(422);
        expect(command.body.code).toBe('ACTOR.UNREADABLE');
        const byActor = await graphql(t, analyst, `{ tallies(groupBy: [ACTOR], asOf: "${position}") { key { actor { id } } } }`);
        expect(byActor.errors).toBeUndefined();
      }, 120_000);
    });

    describe('in the runner', () => {
      let harness: ProjectionHarness;
      afterEach(() => harness?.close());

      const workload = async (events: number, seed: number): Promise<RecordedEvent[]> => {
        const appended: RecordedEvent[] = [];
        for (const decided of incidentWorkload({ events, seed })) appended.push(...(await appendEvents(harness.store, decided.events)));
        return appended;
      };
      const incidentsOf = (events: readonly RecordedEvent[]) => [...new Set(events.map((event) => incidentIdOf(event.stream)))];

      it('finds the poison in a large batch: its incident stops at the event before, every other one is applied', async () => {
        harness = await projectionHarness(db.url, eventStoreFor(db.url, store.connectionString));
        const before = await workload(150, 21);
        const poisoned = incidentIdOf(before.findLast((event) => event.type === 'CasualtiesReported')!.stream);
        const poison = await appendPoison(harness.store, poisoned);
        const rest = await workload(150, 22);
        harness.runner({ batchSize: 1_000 }).start();
        await harness.waitFor(rest.at(-1)!.position);

        expect(await quarantinedStreams(harness.dataSource)).toEqual([expect.objectContaining({ stream: poison.stream, position: poison.position })]);
        const others = incidentsOf([...before, ...rest]).filter((id) => id !== poisoned);
        await expectReadModelsToEqualPureTallies(harness, others);
        const [{ revision }] = await harness.dataSource.query('SELECT revision FROM incident_summaries WHERE incident_id = $1', [poisoned]);
        expect(BigInt(revision)).toBe(poison.revision - 1n);
      }, 120_000);

      it('quarantines an event that the clock step (`passed`) cannot take either: its incident alone, and the checkpoint moves on', async () => {
        harness = await projectionHarness(db.url, eventStoreFor(db.url, store.connectionString));
        const before = await workload(150, 25);
        const poison = before.findLast((event) => event.type === 'CasualtiesReported')!;
        const rest = await workload(150, 26);
        const writer = harness.projection.writer.bind(harness.projection);
        jest.spyOn(harness.projection, 'writer').mockImplementation(() => {
          const real = writer();
          return {
            apply: (events, manager) => real.apply(events, manager),
            passed: async (events, manager) => {
              if (events.some((event) => event.id === poison.id)) throw new Error('the clock cannot take it');
              await real.passed!(events, manager);
            },
          };
        });
        harness.runner({ batchSize: 1_000 }).start();
        await harness.waitFor(rest.at(-1)!.position);

        expect(await quarantinedStreams(harness.dataSource)).toEqual([expect.objectContaining({ stream: poison.stream, position: poison.position, error: 'the clock cannot take it' })]);
        const poisoned = incidentIdOf(poison.stream);
        await expectReadModelsToEqualPureTallies(harness, incidentsOf([...before, ...rest]).filter((id) => id !== poisoned));
        const [{ ticked }] = await harness.dataSource.query('SELECT count(*)::int AS ticked FROM temporal_event_clock WHERE position = $1', [poison.position]);
        expect(ticked).toBe(0);
      }, 120_000);

      it.each([
        ['a serialization failure', '40001'],
        ['a lost connection', 'kill'],
      ])('never quarantines on %s, however often it recurs', async (_failure, sqlstate) => {
        harness = await projectionHarness(db.url, eventStoreFor(db.url, store.connectionString));
        await failWrites(harness.dataSource, sqlstate, { times: 5 });
        const events = await workload(200, 23);
        harness.runner({ batchSize: 50 }).start();
        await harness.waitFor(events.at(-1)!.position);
        const [{ injected }] = await harness.dataSource.query('SELECT last_value AS injected FROM injected_failures');
        expect(Number(injected)).toBeGreaterThan(5);
        expect(await quarantinedStreams(harness.dataSource)).toEqual([]);
        await expectReadModelsToEqualPureTallies(harness, incidentsOf(events));
      });

      it('applies a quarantined incident on rebuild once its event can be applied', async () => {
        harness = await projectionHarness(db.url, eventStoreFor(db.url, store.connectionString));
        const events = await workload(200, 24);
        const [poisoned] = incidentsOf(events);
        await failWrites(harness.dataSource, 'P0001', { incidentId: poisoned });
        const runner = harness.runner({ batchSize: 50 });
        runner.start();
        await harness.waitFor(events.at(-1)!.position);
        await runner.stop();
        expect(await quarantinedStreams(harness.dataSource)).toEqual([expect.objectContaining({ stream: incidentStream(poisoned), error: 'injected failure' })]);

        await stopFailing(harness.dataSource);
        const listener = new PgListener(db.url);
        await rebuildProjection({
          projection: harness.projection,
          dataSource: harness.dataSource,
          store: harness.store,
          listener,
          createRunner: (options) => harness.runner(options),
        }).finally(() => listener.close());
        expect(await quarantinedStreams(harness.dataSource)).toEqual([]);
        await expectReadModelsToEqualPureTallies(harness, incidentsOf(events));
      });
    });
  });
}
