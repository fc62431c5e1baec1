import { check } from '@placemarkio/check-geojson';
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import GeoJSON from 'ol/format/GeoJSON.js';
import type { Point } from 'ol/geom.js';
import { writeCsvExport } from '../../src/cli/export-csv-file.js';
import { demoActorCommands } from '../../src/incidents/demo/demo-actors.js';
import { ExportRows } from '../../src/incidents/exports/export-rows.js';
import { IncidentExports } from '../../src/incidents/exports/incident-exports.service.js';
import type { EventStoreUnderTest } from '../support/event-stores.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { csvRecords, download, recordDemo } from './export-client.js';

const FIXTURES = new URL('../fixtures/exports/', import.meta.url);
const VILLA_UNION = '6b3f8a52-3c1e-4c1f-9a51-2d0e8f1b7a01';
const CULIACAN = '6b3f8a52-3c1e-4c1f-9a51-2d0e8f1b7a03';
/** Commas, quotes, line breaks of every kind, U+2028, right-to-left text and emoji. */
const AWKWARD = 'Convoy, "60+" gunmen;\nline two\r\nline three\u2028after U+2028 — ביום שבת قتل 👩🏽‍⚕️🇲🇽';

/** The file's text, or (with UPDATE_GOLDEN=1) writes `actual` as the new golden file. */
function golden(name: string, actual: string): string {
  const url = new URL(name, FIXTURES);
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(url, actual);
  return readFileSync(url, 'utf8');
}

/** records.csv with its `recorded_at` column (the store's clock) replaced, so runs compare. */
const withoutRecordedAt = (text: string): string => text.replace(/^((?:[^,\r\n]*,){5})\d{4}-\d\d-\d\dT[\d:.]+Z,/gm, '$1<recorded_at>,');

/** docs/exports.md exports of the demo data, on the event store `eventStore()` gives. */
export function describeExports(name: string, eventStore: () => Promise<EventStoreUnderTest>) {
  describe(`exports (docs/exports.md, ${name})`, () => {
    let db: TestDatabase;
    let store: EventStoreUnderTest;
    let t: TestApp;
    let positions: string[];
    let last: string;

    beforeAll(async () => {
      [db, store] = await Promise.all([createTestDatabase(), eventStore()]);
      t = await startTestApp(db.url, store.connectionString);
      positions = await recordDemo(t);
      last = positions.at(-1)!;
    });
    afterAll(async () => {
      await t?.close();
      await store?.dispose();
      await db?.drop();
    });

    it.each(['native', 'acled', 'ucdp'])('incidents.csv?format=%s equals its golden file', async (format) => {
      const response = await download(t, `/exports/incidents.csv?format=${format}&consistentWith=${last}`).expect(200);
      expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(response.headers['content-disposition']).toBe(`attachment; filename=incidents-${format}.csv`);
      expect(response.body).toBe(golden(`demo-${format}.csv`, response.body));
    });

    it('gives Villa Unión best 23 (deaths_civilians 2, deaths_unknown 3) in ucdp and fatalities = killed low in acled', async () => {
      const ucdp = csvRecords((await download(t, `/exports/incidents.csv?format=ucdp&consistentWith=${last}`)).body);
      expect(ucdp.find((row) => row.id === VILLA_UNION)).toMatchObject({ best: '23', low: '23', high: '23', deaths_a: '4', deaths_b: '14', deaths_civilians: '2', deaths_unknown: '3', number_of_sources: '1', country: 'Mexico' });
      const acled = csvRecords((await download(t, `/exports/incidents.csv?format=acled&consistentWith=${last}`)).body);
      expect(acled.find((row) => row.event_id_cnty === VILLA_UNION)).toMatchObject({ event_date: '2019-11-30', event_type: 'Battles', fatalities: '23', geo_precision: '1' });
      expect(acled.map((row) => row.event_id_cnty)).toEqual([CULIACAN, '6b3f8a52-3c1e-4c1f-9a51-2d0e8f1b7a02', VILLA_UNION]);
    });

    it('records.csv equals its golden file (but for recorded_at) with one row per record and note', async () => {
      const response = await download(t, `/exports/records.csv?consistentWith=${last}`).expect(200);
      expect(response.headers['content-disposition']).toBe('attachment; filename=records.csv');
      expect(csvRecords(response.body)).toHaveLength(15);
      expect(withoutRecordedAt(response.body)).toBe(golden('demo-records.csv', withoutRecordedAt(response.body)));
    });

    it('incidents.geojson equals its golden file, validates as GeoJSON and opens in OpenLayers', async () => {
      const response = await download(t, `/exports/incidents.geojson?consistentWith=${last}`).expect(200);
      expect(response.headers['content-type']).toBe('application/geo+json; charset=utf-8');
      expect(response.body).toBe(golden('demo.geojson', response.body));
      // check() returns a GeoJSON union (typed once @types/geojson is installed, as leaflet's types bring it).
      expect((check(response.body) as { features: unknown[] }).features).toHaveLength(1);
      const features = new GeoJSON().readFeatures(JSON.parse(response.body));
      // Only Villa Unión has coordinates; the others are omitted.
      expect(features.map((feature) => feature.getId())).toEqual([VILLA_UNION]);
      expect((features[0].getGeometry() as Point).getCoordinates()).toEqual([-100.7264, 28.2196]);
      expect(features[0].get('killed_best')).toBe(23);
    });

    it('takes the list filters', async () => {
      const sinaloa = csvRecords((await download(t, `/exports/incidents.csv?country=mx&admin1=Sinaloa&consistentWith=${last}`)).body);
      expect(sinaloa.map((row) => row.incident_id)).toEqual([CULIACAN]);
      const november = csvRecords((await download(t, `/exports/incidents.csv?occurredFrom=2019-11-01&occurredTo=2019-11-30T23:59:59Z&consistentWith=${last}`)).body);
      expect(november.map((row) => row.title)).toEqual(['Ambush of US citizens in northern Mexico', 'Attack on Villa Unión']);
      const records = csvRecords((await download(t, `/exports/records.csv?admin1=Sinaloa&consistentWith=${last}`)).body);
      expect(records.map((row) => row.type)).toEqual(['ArrestsMade', 'TimelineNoteAdded']);
      expect((await download(t, `/exports/incidents.csv?status=closed&consistentWith=${last}`)).body).toBe((await download(t, '/exports/incidents.csv?admin1=Nowhere')).body);
    });

    it('exports what was known as of a position, folded from the history', async () => {
      // After the third incident command (the demo's two actors come first): Villa Unión's first incremental report (7) only; the others not opened yet.
      const third = positions[demoActorCommands.length + 2];
      const rows = csvRecords((await download(t, `/exports/incidents.csv?format=ucdp&asOf=${third}`).expect(200)).body);
      expect(rows).toEqual([expect.objectContaining({ id: VILLA_UNION, best: '7', deaths_b: '7', deaths_unknown: '0' })]);
      const geojson = JSON.parse((await download(t, `/exports/incidents.geojson?asOf=${third}`)).body);
      expect(geojson.features[0].properties.killed_best).toBe(7);
    });

    it('rejects bad arguments with problem+json naming the field, and callers without the analyst role', async () => {
      for (const [query, field] of [
        ['format=xls', 'format'],
        ['bestPolicy=BEST', 'bestPolicy'],
        ['asOf=yesterday', 'asOf'],
        ['country=Mexico', 'country'],
        ['first=2', 'first'],
      ]) {
        const response = await download(t, `/exports/incidents.csv?${query}`).expect(400);
        expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(JSON.parse(response.body).errors.map((error: { field: string }) => error.field)).toContain(field);
      }
      await t.http.get('/exports/records.csv').expect(401);
      await t.http.get('/exports/incidents.geojson').set('Authorization', t.bearer('reporter')).expect(403);
      for (const policy of ['LATEST', 'MOST_RELIABLE', 'CONSERVATIVE', 'MEDIAN']) await t.http.get(`/exports/incidents.csv?bestPolicy=${policy}`).set('Authorization', t.bearer('auditor')).expect(200);
    });

    it('CLI export-csv writes the same CSV to a file, its options checked as REST checks the query', async () => {
      const command = { run: (_: string[], options: Record<string, string | boolean>) => writeCsvExport(t.app.get(IncidentExports), t.app.get(ExportRows), options) };
      const out = join(tmpdir(), `export-csv-${randomUUID()}.csv`);
      await command.run([], { format: 'ucdp', country: 'MX', occurredTo: '2019-12-31T00:00:00Z', out });
      expect(readFileSync(out, 'utf8')).toBe(readFileSync(new URL('demo-ucdp.csv', FIXTURES), 'utf8'));
      await command.run([], { records: true, admin1: 'Sinaloa', out });
      expect(csvRecords(readFileSync(out, 'utf8')).map((row) => row.type)).toEqual(['ArrestsMade', 'TimelineNoteAdded']);
      await expect(command.run([], { format: 'xls', bestPolicy: 'BEST', out })).rejects.toThrow(/--format.*--best-policy/s);
      await expect(command.run([], { records: true, asOf: positions[0], out })).rejects.toThrow(/--as-of/);
      // Named by option whichever layer refuses the value (the query's rules or the as-of fold), the rule's words as given.
      await expect(command.run([], { asOf: '2019-W48', out })).rejects.toThrow(/^Invalid input: --as-of: asOf must be/);
      await expect(command.run([], { occurredFrom: '2019', out })).rejects.toThrow(/^Invalid input: --occurred-from: occurredFrom must be/);
    });

    it('quotes a field holding a bare carriage return, so the row stays one record', async () => {
      const { body: opened } = await t.http
        .post('/incidents')
        .set('Authorization', t.bearer('reporter'))
        .send({ title: 'Bare CR', category: 'riot', occurredAt: '2020-01-06T10:00:00Z', location: { country: 'MX', admin1: 'BareCR', place: '\t\rtab' } })
        .expect(201);
      const { body } = await download(t, `/exports/incidents.csv?admin1=BareCR&consistentWith=${opened.position}`);
      // Parsers that take any of CR, LF or CRLF as a record break (Python's csv, spreadsheets) need the quotes.
      expect(body).toContain('"\t\rtab"');
      const rows = csvRecords(body);
      expect(rows).toHaveLength(1);
      expect(rows[0].place).toBe('\t\rtab');
    });

    it('round-trips notes with commas, quotes, line breaks, U+2028, RTL text and emoji through a CSV parser', async () => {
      const reporter = t.bearer('reporter');
      const { body: opened } = await t.http
        .post('/incidents')
        .set('Authorization', reporter)
        .send({ title: AWKWARD, category: 'riot', occurredAt: '2020-01-05T10:00:00Z', location: { country: 'MX', admin1: 'Awkward', admin2: 'A, "B"', place: AWKWARD }, description: AWKWARD })
        .expect(201);
      const { body: noted } = await t.http
        .post(`/incidents/${opened.incidentId}/notes`)
        .set('Authorization', reporter)
        .send({ text: AWKWARD, occurredAt: '2020-01-05T10:00:00Z', source: { name: AWKWARD, kind: 'witness' } })
        .expect(201);
      const wait = `admin1=Awkward&consistentWith=${noted.position}`;
      for (const format of ['native', 'acled', 'ucdp']) {
        const [row] = csvRecords((await download(t, `/exports/incidents.csv?format=${format}&${wait}`)).body);
        for (const column of ['title', 'place', 'description', 'location', 'notes']) if (column in row) expect(row[column]).toBe(AWKWARD);
        expect(row.admin2 ?? row.adm_2).toBe('A, "B"');
      }
      const [record] = csvRecords((await download(t, `/exports/records.csv?${wait}`)).body);
      expect(record).toMatchObject({ note: AWKWARD, source_name: AWKWARD, type: 'TimelineNoteAdded', corrected: 'false', retracted: 'false' });
    });
  });
}
