import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { canonicalJson, type EnvelopeMetadata, sealEvents } from '../../src/event-store/envelope.js';
import type { JsonObject } from '../../src/event-store/event-store.port.js';
import { schemaVersionOf } from '../../src/incidents/stored-events/incident-events.js';
import { AsOfTallyService } from '../../src/incidents/audit/as-of-tally.service.js';
import { NdjsonExportService } from '../../src/incidents/audit/ndjson-export.service.js';
import { ImportTargetNotEmpty, NdjsonImportService } from '../../src/incidents/audit/ndjson-import.service.js';
import { inputFault } from '../../src/incidents/api/inputs/event-inputs.js';
import { VerifyService } from '../../src/incidents/audit/verify.service.js';
import { INCIDENTS_PROJECTION } from '../../src/incidents/read-models/incidents.projection.js';
import { ProjectionPositions } from '../../src/projections/projection-positions.js';
import { seedIncidents } from '../support/seeded-store.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** As the CLI imports: with the API's input rules. */
const withRules = { inputRules: inputFault };

/** An event store for the suite, and how to tamper with an event stored in it (as an attacker with database access would). */
export interface StoreHandle {
  readonly connectionString?: string;
  tamper(eventId: string, data: Record<string, unknown>, databaseUrl: string): Promise<void>;
  dispose(): Promise<void>;
}

const GOV = { name: 'Coahuila state government', kind: 'government' };
const MEDIA = { name: 'El Siglo de Torreón', kind: 'media' };
const killed = (count: number, basis: string, source: object, occurredAt: string, recordId = randomUUID()) => ({
  recordId, occurredAt, source, party: 'armed_group', outcome: 'killed', count, basis,
});

type Seen = { readonly position: string; readonly time: string; readonly tally: unknown };

/**
 * Audit and time (docs/tallies.md "As of a moment, within a window", docs/api.md) through HTTP and the services the CLI calls, on whichever event
 * store `store()` gives: history, "as of" tallies that match what the read models showed then
 * (across corrections and retractions), verification with tampering, and export → import.
 */
export function describeAudit(name: string, store: () => Promise<StoreHandle>) {
  describe(`audit and time (${name})`, () => {
    let database: TestDatabase;
    let handle: StoreHandle;
    let t: TestApp;
    let reporter: string;
    let analyst: string;
    let auditor: string;
    const incidentId = randomUUID();
    const seen: Seen[] = [];
    const recordB = randomUUID();
    const recordC = randomUUID();

    beforeAll(async () => {
      [database, handle] = await Promise.all([createTestDatabase(), store()]);
      t = await startTestApp(database.url, handle.connectionString);
      [reporter, analyst, auditor] = [t.bearer('reporter', 'alice'), t.bearer('analyst'), t.bearer('auditor', 'audrey')];
      // Villa Unión as it was reported, with a correction and a retraction; after each command, what the read model showed.
      const commands: [string, object][] = [
        ['', { incidentId, title: 'Attack on Villa Unión', category: 'battle', occurredAt: '2019-11-30T12:00:00-06:00', location: { country: 'MX', admin1: 'Coahuila' } }],
        ['/casualties', killed(7, 'incremental', GOV, '2019-11-30T14:00:00Z')],
        ['/casualties', killed(7, 'incremental', GOV, '2019-12-01T10:00:00Z', recordB)],
        ['/casualties', killed(20, 'cumulative', MEDIA, '2019-12-01T11:00:00Z', recordC)],
        [`/records/${recordB}/correction`, { count: 5, reason: 'revised figure' }],
        [`/records/${recordC}/retraction`, { reason: 'misattributed' }],
        ['/hostages/taken', { occurredAt: '2019-11-30T13:00:00Z', source: GOV, party: 'civilian', count: 4 }],
        ['/seizures/vehicles', { occurredAt: '2019-12-01T09:00:00Z', source: GOV, count: 17, vehicleKind: 'armed pickup' }],
        ['/close', { reason: 'final report' }],
      ];
      for (const [path, body] of commands) {
        const url = path === '' ? '/incidents' : `/incidents/${incidentId}${path}`;
        const { position } = (await t.http.post(url).set('Authorization', reporter).send(body).expect(201)).body;
        const tally = (await t.http.get(`/incidents/${incidentId}/tally?consistentWith=${position}`).set('Authorization', analyst).expect(200)).body;
        const time = new Date();
        seen.push({ position, time: time.toISOString(), tally });
        // The next command is stamped strictly after `time`, so "as of time" has exactly this command's effect.
        while (Date.now() <= time.getTime());
      }
    });
    afterAll(async () => {
      await t?.close();
      await handle?.dispose();
      await database?.drop();
    });

    const get = (path: string, role = auditor) => t.http.get(path).set('Authorization', role);

    /** When each record was recorded, by record id: in the history (its first event) and in the timeline (docs/time-and-place.md "One `recordedAt`"). */
    const recordedTimes = async (app: TestApp) => {
      const head = (await app.store.headPosition()).toString();
      const read = async (path: string, role: 'auditor' | 'analyst') =>
        (await app.http.get(`/incidents/${incidentId}/${path}`).set('Authorization', app.bearer(role)).expect(200)).body.items as { recordId?: string; data?: { recordId?: string }; recordedAt: string }[];
      const history = new Map<string, string>();
      for (const item of await read('events?first=500', 'auditor')) {
        const recordId = item.data?.recordId;
        if (recordId !== undefined && !history.has(recordId)) history.set(recordId, item.recordedAt);
      }
      const timeline = new Map((await read(`timeline?first=500&consistentWith=${head}`, 'analyst')).map((item) => [item.recordId!, item.recordedAt]));
      return { history, timeline };
    };

    describe('recordedAt', () => {
      it("is the envelope's, the same in the timeline as in the history", async () => {
        const { history, timeline } = await recordedTimes(t);
        expect(timeline.size).toBe(5);
        for (const [recordId, recordedAt] of timeline) expect(recordedAt).toBe(history.get(recordId));
      });
    });

    describe('history', () => {
      it('lists every event with its envelope, in pages', async () => {
        const first = (await get(`/incidents/${incidentId}/events?first=4`).expect(200)).body;
        expect(first.items.map((item: { revision: string }) => item.revision)).toEqual(['0', '1', '2', '3']);
        expect(first.items[0]).toEqual({
          eventId: expect.any(String),
          type: 'IncidentOpened',
          data: expect.objectContaining({ incidentId, title: 'Attack on Villa Unión' }),
          metadata: expect.objectContaining({ actor: 'alice', commandId: expect.any(String), correlationId: expect.any(String), schemaVersion: 2, hash: expect.stringMatching(/^[0-9a-f]{64}$/) }),
          revision: '0',
          position: seen[0].position,
          recordedAt: expect.any(String),
        });
        expect(first.items[1].metadata.schemaVersion).toBe(2);
        const rest = (await get(`/incidents/${incidentId}/events?first=500&after=${first.nextCursor}`).expect(200)).body;
        expect(rest.items.map((item: { type: string }) => item.type)).toEqual(['RecordCorrected', 'RecordRetracted', 'HostagesTaken', 'VehiclesSeized', 'IncidentClosed']);
        expect(rest.nextCursor).toBeNull();
      });

      it('is for auditors: 404 for an unknown incident, 403 for analysts, 400 for a bad page size', async () => {
        expect((await get(`/incidents/${randomUUID()}/events`).expect(404)).body.code).toBe('INCIDENT.NOT_FOUND');
        await get(`/incidents/${incidentId}/events`, analyst).expect(403);
        await get(`/incidents/${incidentId}/events`, t.bearer('admin')).expect(200);
        await get(`/incidents/${incidentId}/events?first=501`).expect(400);
      });
    });

    describe('as of', () => {
      it('matches, at every recorded position and time, the tally the read model showed then', async () => {
        for (const { position, time, tally } of seen) {
          expect((await get(`/incidents/${incidentId}/tally?asOf=${position}`, analyst).expect(200)).body).toEqual(tally);
          expect((await get(`/incidents/${incidentId}/tally?asOf=${encodeURIComponent(time)}`, analyst).expect(200)).body).toEqual(tally);
        }
        // Corrections and retractions took effect when recorded, not before.
        expect((seen[3].tally as { killed: { total: { best: number } } }).killed.total.best).toBe(20);
        expect((seen[5].tally as { killed: { total: { best: number } } }).killed.total.best).toBe(12);
      });

      it('404s before the incident existed; 400 for a malformed asOf', async () => {
        const before = (BigInt(seen[0].position) - 1n).toString();
        expect((await get(`/incidents/${incidentId}/tally?asOf=${before}`, analyst).expect(404)).body.code).toBe('INCIDENT.NOT_FOUND');
        await get(`/incidents/${incidentId}/tally?asOf=2000-01-01T00:00:00Z`, analyst).expect(404);
        await get(`/incidents/${incidentId}/tally?asOf=yesterday`, analyst).expect(400);
      });

      it('combines with world-time filters on the records', async () => {
        const onDayOne = (await get(`/incidents/${incidentId}/tally?occurredTo=2019-11-30`, analyst).expect(200)).body;
        expect(onDayOne.killed.total.best).toBe(7);
        expect(onDayOne.vehiclesSeized).toBe(0);
        expect(onDayOne.hostages).toEqual([expect.objectContaining({ party: 'civilian', taken: 4 })]);
        // As known right after the media report, counting only 1 December: the media's 20 in total was the latest word.
        const combined = (await get(`/incidents/${incidentId}/tally?asOf=${seen[3].position}&occurredFrom=2019-12-01`, analyst).expect(200)).body;
        expect(combined.killed.byParty[0]).toMatchObject({ best: 20, low: 7, high: 20 });
        // GraphQL's Incident.tally takes the same window, alone or with asOf, and answers as REST does.
        const query = `query($id: ID!, $asOf: String) {
          incident(id: $id) { dayOne: tally(occurredTo: "2019-11-30") { killed { total { best } } vehiclesSeized } combined: tally(asOf: $asOf, occurredFrom: "2019-12-01") { killed { byParty { best low high } } } }
        }`;
        const response = await t.http.post('/graphql').set('Authorization', analyst).send({ query, variables: { id: incidentId, asOf: seen[3].position } }).expect(200);
        expect(response.body.errors).toBeUndefined();
        expect(response.body.data.incident).toEqual({
          dayOne: { killed: { total: { best: onDayOne.killed.total.best } }, vehiclesSeized: onDayOne.vehiclesSeized },
          combined: { killed: { byParty: [{ best: 20, low: 7, high: 20 }] } },
        });
        const refused = await t.http.post('/graphql').set('Authorization', analyst).send({ query: `query($id: ID!) { incident(id: $id) { tally(occurredFrom: "2019") { arrests } } }`, variables: { id: incidentId } });
        expect(refused.body.errors[0].extensions).toMatchObject({ status: 400, errors: [expect.objectContaining({ field: 'occurredFrom' })] });
      });

      it('answers across incidents for the GraphQL tallies, leaving out incidents that did not exist yet', async () => {
        const asOf = t.app.get(AsOfTallyService);
        const other = (await t.http.post('/incidents').set('Authorization', reporter).send({ title: 'Later', category: 'riot', occurredAt: '2019-12-05T00:00:00Z', location: { country: 'MX', admin1: 'Sinaloa' } }).expect(201)).body;
        const then = await asOf.incidents({ asOf: seen[5].position });
        expect(then.map((incident) => incident.incidentId)).toEqual([incidentId]);
        expect(then[0].tally).toEqual(seen[5].tally);
        const now = await asOf.incidents({ incidentIds: [incidentId, other.incidentId, randomUUID()] });
        expect(now.map((incident) => [incident.incidentId, incident.fields.location.admin1, incident.status])).toEqual([
          [incidentId, 'Coahuila', 'closed'],
          [other.incidentId, 'Sinaloa', 'open'],
        ]);
        expect((await asOf.incidents({ asOf: seen[0].time })).map((incident) => incident.incidentId)).toEqual([incidentId]);
      });

      it('answers GraphQL tallies(asOf) and Incident.tally(asOf) with what the read model showed then', async () => {
        const query = `query ($asOf: String!, $id: ID!) {
          tallies(groupBy: [ADMIN1], filter: { country: "MX" }, asOf: $asOf) { key { admin1 } incidents killed { total { best low high } } vehiclesSeized }
          incident(id: $id) { tally(asOf: $asOf) { killed { total { best low high } } hostages { held } } }
        }`;
        for (const { position, tally } of seen) {
          const response = await t.http.post('/graphql').set('Authorization', analyst).send({ query, variables: { asOf: position, id: incidentId } }).expect(200);
          expect(response.body.errors).toBeUndefined();
          const { killed, vehiclesSeized, hostages } = tally as { killed: { total: object }; vehiclesSeized: number; hostages: { held: number }[] };
          const coahuila = response.body.data.tallies.find((group: { key: { admin1: string } }) => group.key.admin1 === 'Coahuila');
          expect(coahuila).toEqual({ key: { admin1: 'Coahuila' }, incidents: 1, killed: { total: killed.total }, vehiclesSeized });
          expect(response.body.data.incident.tally).toEqual({ killed: { total: killed.total }, hostages: hostages.map(({ held }) => ({ held })) });
        }
      });
    });

    describe('export and import', () => {
      let dir: string;
      beforeAll(() => {
        dir = mkdtempSync(join(tmpdir(), 'incident-ledger-export-'));
      });
      afterAll(() => rmSync(dir, { recursive: true, force: true }));

      const exportTo = async (app: TestApp, file: string): Promise<number> => {
        const out = createWriteStream(file);
        const count = await app.app.get(NdjsonExportService).export(out);
        out.end();
        await finished(out);
        return count;
      };
      const withoutStoreFields = (file: string) =>
        readFileSync(file, 'utf8').trim().split('\n').map((line) => {
          const { position: _p, ...kept } = JSON.parse(line) as Record<string, unknown>;
          return kept;
        });

      it('round-trips into a fresh store: same events, ids, order, hashes and recordedAt, same tallies, clean verify', async () => {
        const exported = join(dir, 'export.ndjson');
        const count = await exportTo(t, exported);
        expect(count).toBeGreaterThanOrEqual(seen.length);
        const [freshDatabase, freshStore] = await Promise.all([createTestDatabase(), store()]);
        const fresh = await startTestApp(freshDatabase.url, freshStore.connectionString);
        try {
          // Bytes that are not UTF-8 (an overlong NUL) in line 1 refuse the file before anything is appended.
          const corrupt = join(dir, 'corrupt.ndjson');
          const bytes = readFileSync(exported);
          const inStream = bytes.indexOf('"stream":"') + '"stream":"'.length;
          writeFileSync(corrupt, Buffer.concat([bytes.subarray(0, inStream), Buffer.from([0xc0, 0x80]), bytes.subarray(inStream)]));
          await expect(fresh.app.get(NdjsonImportService).import(() => createReadStream(corrupt), withRules)).rejects.toThrow('line 1: not valid UTF-8');
          expect(await fresh.store.headPosition()).toBe(0n);
          // So does a bad last line, a stream's revision skipped, an event id repeated or not one, a record time no layer holds: the whole file is checked first.
          const lines = bytes.toString('utf8').trimEnd().split('\n');
          const edited = (line: string, edit: (event: Record<string, Record<string, unknown>>) => object) => JSON.stringify(edit(JSON.parse(line)));
          const skipped = (line: string) => edited(line, (event) => ({ ...event, revision: String(Number(event.revision) + 1) }));
          for (const [name, content, error] of [
            ['bad-last.ndjson', [...lines, 'not json'], `line ${lines.length + 1}`],
            ['gap.ndjson', [...lines.slice(0, -1), skipped(lines.at(-1)!)], `line ${lines.length}:`],
            ['repeated-id.ndjson', [...lines.slice(0, -1), edited(lines.at(-1)!, (event) => ({ ...event, eventId: JSON.parse(lines[0]).eventId }))], `line ${lines.length}: eventId`],
            ['bad-id.ndjson', [...lines.slice(0, -1), edited(lines.at(-1)!, (event) => ({ ...event, eventId: 'nope' }))], `line ${lines.length}: eventId`],
            ['bad-time.ndjson', [...lines.slice(0, -1), edited(lines.at(-1)!, (event) => ({ ...event, metadata: { ...event.metadata, recordedAt: 'not a date' } }))], `line ${lines.length}: metadata.recordedAt`],
            // A line changed after export, however well formed, breaks its stream's hash chain.
            ['edited.ndjson', [...lines.slice(0, -1), edited(lines.at(-1)!, (event) => ({ ...event, recordedAt: '2019-12-01T00:00:00.000Z', metadata: { ...event.metadata, recordedAt: '2019-12-01T00:00:00.000Z' } }))], `line ${lines.length}: its hash`],
            // The top-level recordedAt is the envelope's, as export writes it: edited (or left out), the file and the store would show two times.
            ['edited-recorded-at.ndjson', [...lines.slice(0, -1), edited(lines.at(-1)!, (event) => ({ ...event, recordedAt: '2019-12-01T00:00:00.000Z' }))], `line ${lines.length}: recordedAt must be ${JSON.parse(lines.at(-1)!).metadata.recordedAt}`],
            ['no-recorded-at.ndjson', [...lines.slice(0, -1), edited(lines.at(-1)!, ({ recordedAt: _recordedAt, ...event }) => event)], `line ${lines.length}: recordedAt must be`],
            ...historyMistakes(lines),
          ] as const) {
            writeFileSync(join(dir, name), `${content.join('\n')}\n`);
            await expect(fresh.app.get(NdjsonImportService).import(() => createReadStream(join(dir, name)), withRules)).rejects.toThrow(error);
            expect(await fresh.store.headPosition()).toBe(0n);
          }
          // A byte order mark before the first line and CRLF line ends (as Windows editors save UTF-8) are not data,
          // whichever chunks the file arrives in (here 7 bytes each: lines, marks and CRs split across them).
          const windows = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(bytes.toString('utf8').replaceAll('\n', '\r\n'))]);
          const chunked = () => Readable.from(Array.from({ length: Math.ceil(windows.length / 7) }, (_, i) => windows.subarray(i * 7, i * 7 + 7)));
          // An import stopped midway (here: once the first third of the file is in) goes on where it stopped when the same file is imported again.
          const importer = fresh.app.get(NdjsonImportService);
          const third = Math.floor(lines.length / 3);
          writeFileSync(join(dir, 'start.ndjson'), `${lines.slice(0, third).join('\n')}\n`);
          expect(await importer.import(() => createReadStream(join(dir, 'start.ndjson')), withRules)).toEqual({ appended: third, heldBefore: 0 });
          // A whole, well-sealed file that does not start with what the store holds (another stream's event first) writes nothing.
          const held = await fresh.store.headPosition();
          const { hash: _hash, ...envelope } = (JSON.parse(lines[0]) as { metadata: EnvelopeMetadata & { hash: string } }).metadata;
          const [note] = sealEvents(null, [{ id: randomUUID(), type: 'Noted', data: {} }], envelope);
          const first = canonicalJson({ stream: 'notes-1', eventId: note.id, type: note.type, data: note.data, metadata: note.metadata, revision: '0', position: '1', recordedAt: envelope.recordedAt });
          writeFileSync(join(dir, 'other.ndjson'), `${[first, ...lines].join('\n')}\n`);
          await expect(importer.import(() => createReadStream(join(dir, 'other.ndjson')), withRules)).rejects.toBeInstanceOf(ImportTargetNotEmpty);
          expect(await fresh.store.headPosition()).toBe(held);
          expect(await importer.import(chunked, withRules)).toEqual({ appended: count - third, heldBefore: third });
          // Imported whole, the same file appends nothing more.
          expect(await importer.import(() => createReadStream(exported), withRules)).toEqual({ appended: 0, heldBefore: count });
          const reExported = join(dir, 're-export.ndjson');
          await exportTo(fresh, reExported);
          expect(withoutStoreFields(reExported)).toEqual(withoutStoreFields(exported));

          const head = (await fresh.store.headPosition()).toString();
          const tally = (await fresh.http.get(`/incidents/${incidentId}/tally?consistentWith=${head}`).set('Authorization', fresh.bearer('analyst')).expect(200)).body;
          expect(tally).toEqual(seen.at(-1)!.tally);
          // The envelope's recordedAt travels with the events, so "as of" a past time still answers as before.
          const asOfThen = await fresh.http.get(`/incidents/${incidentId}/tally?asOf=${encodeURIComponent(seen[3].time)}`).set('Authorization', fresh.bearer('analyst')).expect(200);
          expect(asOfThen.body).toEqual(seen[3].tally);
          // The timeline and the history show the original times, not the moment of the import.
          expect(await recordedTimes(fresh)).toEqual(await recordedTimes(t));
          const report = await fresh.app.get(VerifyService).verify();
          expect(report).toMatchObject({ ok: true, chainBreaks: [], readModelDifferences: [] });
          expect(report.events).toBe(count);
        } finally {
          await fresh.close();
          await freshStore.dispose();
          await freshDatabase.drop();
        }
      });
    });

    describe('verification', () => {
      it('is clean for an untouched store and read models', async () => {
        const head = (await t.store.headPosition()).toString();
        await get(`/incidents/${incidentId}/tally?consistentWith=${head}`, analyst).expect(200);
        const report = (await get('/audit/verify').expect(200)).body;
        expect(report).toMatchObject({ ok: true, chainBreaks: [], readModelDifferences: [] });
        expect(report.streams).toBe(2);
        await get('/audit/verify', analyst).expect(403);
      });

      it('reports a tampered event (first break of its stream) and a tampered read-model row', async () => {
        const events = (await get(`/incidents/${incidentId}/events`).expect(200)).body.items;
        const target = events[2];
        await handle.tamper(target.eventId, { ...target.data, count: 70 }, database.url);
        await t.app.get(DataSource).query('UPDATE incident_summaries SET arrests = 99 WHERE incident_id = $1', [incidentId]);

        const report = (await get('/audit/verify').expect(200)).body;
        expect(report.ok).toBe(false);
        expect(report.chainBreaks).toEqual([
          { stream: `incident-${incidentId}`, revision: '2', eventId: target.eventId, expectedHash: expect.any(String), storedHash: target.metadata.hash },
        ]);
        const summary = report.readModelDifferences.find((d: { table: string }) => d.table === 'incident_summaries');
        expect(summary).toMatchObject({ key: { incident_id: incidentId }, readModel: expect.objectContaining({ arrests: 99 }), replay: expect.objectContaining({ arrests: 0 }) });
        expect(summary.columns).toEqual(['arrests']);
        // The tampered record was corrected later, so its count no longer shows in the tally, but its stored data does.
        expect(report.readModelDifferences).toContainEqual(expect.objectContaining({ table: 'incident_records', key: { incident_id: incidentId, record_id: recordB }, columns: ['data'] }));
      });
    });

    describe('verification of every stream kind', () => {
      it('reports a tampered actor registration as a break of the actor stream', async () => {
        const { actorId } = (await t.http.post('/actors').set('Authorization', t.bearer('reporter')).send({ name: 'Cártel del Noreste', aliases: [], actorType: 'political_militia' }).expect(201)).body;
        const [registered] = await t.store.readStream(`actor-${actorId}`);
        await handle.tamper(registered.id, { ...registered.data, name: 'Forged Cartel' }, database.url);
        const report = (await get('/audit/verify').expect(200)).body;
        expect(report.chainBreaks).toContainEqual({ stream: `actor-${actorId}`, revision: '0', eventId: registered.id, expectedHash: expect.any(String), storedHash: registered.metadata.hash });
      });
    });

    describe('verification at scale', () => {
      let bigDatabase: TestDatabase;
      let bigStore: StoreHandle;
      let big: TestApp;
      let ids: string[];
      beforeAll(async () => {
        [bigDatabase, bigStore] = await Promise.all([createTestDatabase(), store()]);
        big = await startTestApp(bigDatabase.url, bigStore.connectionString);
        ids = await seedIncidents(big.store, 200, 51);
        await big.app.get(ProjectionPositions).waitFor(INCIDENTS_PROJECTION, await big.store.headPosition(), 400_000);
      }, 600_000);
      afterAll(async () => {
        await big?.close();
        await bigStore?.dispose();
        await bigDatabase?.drop();
      });

      it('is clean on a store of more than 10,000 events, and still finds tampering there', async () => {
        const verify = async () => (await big.http.get('/audit/verify').set('Authorization', big.bearer('auditor')).expect(200)).body;
        expect(await verify()).toEqual({ ok: true, streams: 200, events: 10_200, chainBreaks: [], readModelDifferences: [], quarantined: [], behind: [] });

        const target = ids[150];
        const events = (await big.http.get(`/incidents/${target}/events?first=10`).set('Authorization', big.bearer('auditor')).expect(200)).body.items;
        await bigStore.tamper(events[5].eventId, { ...events[5].data, count: 999 }, bigDatabase.url);
        await big.app.get(DataSource).query('UPDATE incident_summaries SET arrests = 42 WHERE incident_id = $1', [ids[199]]);
        const report = await verify();
        expect(report.ok).toBe(false);
        expect(report.chainBreaks).toEqual([expect.objectContaining({ stream: `incident-${target}`, revision: '5', eventId: events[5].eventId })]);
        expect(report.readModelDifferences).toContainEqual(expect.objectContaining({ table: 'incident_summaries', key: { incident_id: ids[199] }, columns: ['arrests'] }));
        expect(report.readModelDifferences).toContainEqual(expect.objectContaining({ table: 'incident_records', key: { incident_id: target, record_id: events[5].data.recordId }, columns: ['data', 'count', 'summary'] }));
        // Bounds for a machine shared with other test runs: two verifications of 10,200 events each.
      }, 600_000);
    });
  });
}

/**
 * Files an export could not be, over several lines, each with the refusal import gives: an incident
 * merged into itself, into one no earlier line holds, an event on a merged incident after its merge
 * (after a well-sealed merge, so only that rule refuses it) (docs/merge.md); an amendment whose end
 * of the date range falls before the start its incident was opened with (docs/time-and-place.md).
 */
function historyMistakes(lines: readonly string[]): [string, string[], string][] {
  type Line = { stream: string; eventId: string; type: string; revision: string; position: string; recordedAt: string; data: JsonObject; metadata: EnvelopeMetadata & { hash: string } };
  const parsed = lines.map((line) => JSON.parse(line) as Line);
  const last = parsed.filter(({ stream }) => stream.startsWith('incident-')).at(-1)!;
  /** A well-sealed event after `previous` in its stream (`null`: a new stream), with the envelope of `after`, as the API would have appended it. */
  const sealed = (type: string, data: JsonObject, after: Line, previous: Line | null = after): Line => {
    const { hash: _hash, ...envelope } = after.metadata;
    const [event] = sealEvents(previous?.metadata.hash ?? null, [{ id: randomUUID(), type, data }], { ...envelope, schemaVersion: schemaVersionOf(type) });
    const stream = `incident-${String(data.incidentId)}`;
    return { ...after, stream, eventId: event.id, type, revision: previous ? String(Number(previous.revision) + 1) : '0', data: event.data, metadata: event.metadata as unknown as Line['metadata'] };
  };
  const id = last.stream.slice('incident-'.length);
  const survivor = randomUUID();
  const opened = sealed('IncidentOpened', {
    incidentId: survivor, title: 'The survivor', category: 'battle', occurredAt: '2019-11-30', datePrecision: 'day',
    location: { country: 'MX', admin1: 'Coahuila', admin2: '', place: '', geoPrecision: 'admin1' }, description: '', tags: [],
  }, last, null);
  const merge = sealed('IncidentMergedInto', { incidentId: id, into: survivor }, last);
  const closed = sealed('IncidentClosed', { incidentId: id, reason: 'closed again' }, merge);
  const at = lines.length + 1;
  return [
    ['merge-into-itself.ndjson', [...lines, JSON.stringify(sealed('IncidentMergedInto', { incidentId: id, into: id }, last))], `line ${at}: IncidentMergedInto: an incident cannot be merged into itself`],
    ['merge-into-unknown.ndjson', [...lines, JSON.stringify(merge)], `line ${at}: IncidentMergedInto: data.into names an incident no earlier line`],
    ['after-merge.ndjson', [...lines, JSON.stringify(opened), JSON.stringify(merge), JSON.stringify(closed)], `line ${at + 2}: ${last.stream} was merged at line ${at + 1}: a merged incident takes no event after its merge`],
    ['range.ndjson', [...lines, JSON.stringify(sealed('IncidentAmended', { incidentId: id, occurredUntil: '1990-01-01' }, last))], `line ${at}: IncidentAmended: data.occurredUntil: occurredUntil must not be before occurredAt`],
  ];
}
