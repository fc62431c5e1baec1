import { parseExportedEvent } from '../../src/incidents/audit/exported-event.js';
import { inputFault } from '../../src/incidents/api/inputs/event-inputs.js';

/** As `import` parses a line: with the API's input rules. */
const parse = (text: string, lineNumber: number) => parseExportedEvent(text, lineNumber, inputFault);

const INCIDENT = '6b3f8a52-3c1e-4c1f-9a51-2d0e8f1b7a01';
// The top-level `recordedAt` as export writes it: the envelope's, or (an envelope without one) the exporting store's.
const line = (data: string, metadata = '{}', eventId = '0b0f3a52-6c9e-4c7d-9d3e-2f1a5b6c7d8e', type = 'IncidentOpened', recordedAt: unknown = (JSON.parse(metadata) as { recordedAt?: unknown }).recordedAt ?? '2026-12-02T08:00:00.000Z') =>
  `{"stream":"incident-${INCIDENT}","eventId":"${eventId}","type":"${type}","revision":"0","position":"1","recordedAt":${JSON.stringify(recordedAt)},"metadata":${metadata},"data":${data}}`;
const OPENED = {
  incidentId: INCIDENT, title: 'Villa Unión 🙂', category: 'battle', occurredAt: '2019-11-30T12:00:00-06:00', datePrecision: 'exact',
  location: { country: 'MX', admin1: 'Coahuila', admin2: 'Villa Unión', place: '', geoPrecision: 'admin2' }, description: '', tags: [],
};
const RECORD = { incidentId: INCIDENT, recordId: '0b0f6a1e-5d8c-4c1e-9a7e-2f1d3c4b5a69', occurredAt: '2019-11-30', datePrecision: 'day', source: { name: 'Coahuila state government', kind: 'government' } };
const REPORTED = { ...RECORD, party: 'armed_group', outcome: 'killed', count: 7, basis: 'incremental' };
const json = (value: object) => JSON.stringify(value);

describe('parseExportedEvent: an import line', () => {
  it('takes a line every layer can store', () => {
    expect(parse(line(json(OPENED)), 1).data).toEqual(OPENED);
    expect(parse(line(json(OPENED), '{"recordedAt":"2026-12-01T10:00:00.000Z"}'), 1).metadata).toEqual({ recordedAt: '2026-12-01T10:00:00.000Z' });
    expect(parse(line(json(REPORTED), '{}', undefined, 'CasualtiesReported'), 1).data).toEqual(REPORTED);
  });

  it.each([
    ['a source name that is no text', 'CasualtiesReported', { ...REPORTED, source: { name: 7, kind: 'media' } }, 'CasualtiesReported: data.source.name'],
    ['an outcome of no kind', 'CasualtiesReported', { ...REPORTED, outcome: 'vanished' }, 'CasualtiesReported: data.outcome'],
    ['a count past the API range', 'CasualtiesReported', { ...REPORTED, count: 1e9 }, 'CasualtiesReported: data.count'],
    ['a date precision of no kind', 'IncidentOpened', { ...OPENED, datePrecision: 'fortnight' }, 'IncidentOpened: data.datePrecision'],
    ['a source kind of no kind', 'TimelineNoteAdded', { ...RECORD, source: { name: 'S', kind: 'weird' }, text: 'x' }, 'TimelineNoteAdded: data.source.kind'],
    ['a time the API would not take', 'IncidentAmended', { incidentId: INCIDENT, occurredAt: 'soon' }, 'IncidentAmended: data.occurredAt'],
    ['a location that is no object', 'IncidentAmended', { incidentId: INCIDENT, location: 'MX' }, 'IncidentAmended: data.location'],
    ['another incident than its stream', 'IncidentOpened', { ...OPENED, incidentId: '0b0f6a1e-5d8c-4c1e-9a7e-2f1d3c4b5a69' }, 'IncidentOpened: data.incidentId is not the incident of'],
    ['a type no incident has', 'IncidentExploded', OPENED, 'IncidentExploded is no incident event type'],
    // What the API refuses of its input, import refuses of the event made from it (docs/input-values.md), as the API words it.
    ['a country that is no ISO 3166-1 code', 'IncidentOpened', { ...OPENED, location: { ...OPENED.location, country: 'Mexico' } }, 'IncidentOpened: data.location.country: location.country must be a valid ISO31661 Alpha2 code'],
    ['a country code not in its stored spelling', 'IncidentOpened', { ...OPENED, location: { ...OPENED.location, country: 'mx' } }, 'IncidentOpened: data.location.country: location.country must be an ISO 3166-1 alpha-2 code'],
    ['text longer than the API takes', 'IncidentOpened', { ...OPENED, location: { ...OPENED.location, admin1: 'x'.repeat(201) } }, 'IncidentOpened: data.location.admin1: location.admin1 must be at most 200 characters'],
    ['a blank title', 'IncidentAmended', { incidentId: INCIDENT, title: ' \u200b ' }, 'IncidentAmended: data.title: title must not be empty, blank or invisible'],
    ['a latitude off the globe', 'IncidentOpened', { ...OPENED, location: { ...OPENED.location, lat: 1000, lon: 10 } }, 'IncidentOpened: data.location.lat: location.lat must not be greater than 90'],
    ['a latitude without its longitude', 'IncidentOpened', { ...OPENED, location: { ...OPENED.location, lat: 10 } }, 'IncidentOpened: data.location.lat: location.lat needs lon'],
    ['a point without coordinates', 'IncidentOpened', { ...OPENED, location: { ...OPENED.location, geoPrecision: 'point' } }, 'IncidentOpened: data.location.geoPrecision: location.geoPrecision point needs coordinates'],
    ['an incremental casualty count of 0 (only a cumulative statement may say 0)', 'CasualtiesReported', { ...REPORTED, count: 0 }, 'CasualtiesReported: data.count: count must be an integer from 1'],
    ['a publication time the API would not take', 'CasualtiesReported', { ...REPORTED, source: { ...REPORTED.source, publishedAt: 'yesterday' } }, 'CasualtiesReported: data.source.publishedAt'],
    ['a blank vehicle kind', 'VehiclesSeized', { ...RECORD, count: 1, vehicleKind: '' }, 'VehiclesSeized: data.vehicleKind'],
    ['an id in upper case (ids have one spelling)', 'IncidentMergedInto', { incidentId: INCIDENT, into: '0B0F6A1E-5D8C-4C1E-9A7E-2F1D3C4B5A69' }, 'IncidentMergedInto: data.into does not have'],
    ['a record id in upper case', 'CasualtiesReported', { ...REPORTED, recordId: REPORTED.recordId.toUpperCase() }, 'CasualtiesReported: data.recordId does not have'],
  ])('refuses an incident event with %s, naming the line and the field', (_, type, data, message) => {
    expect(() => parse(line(json(data), '{}', undefined, type), 4)).toThrow(`line 4: ${message}`);
  });

  it('refuses a source or actor event its registry cannot read (every fold would set it aside and its stream be quarantined), and takes one it can', () => {
    const SOURCE = '5c2e7a41-8d3b-4e6f-9a12-3b4c5d6e7f80';
    const registryLine = (stream: string, type: string, data: object) => line(json(data), '{}', undefined, type).replace(`"stream":"incident-${INCIDENT}"`, `"stream":"${stream}"`);
    const registered = { sourceId: SOURCE, name: 'International press', aliases: [], kind: 'media', scale: 'international', reliability: 'B' };
    expect(parse(registryLine(`source-${SOURCE}`, 'SourceRegistered', registered), 2).data).toEqual(registered);
    const bad = { ...registered, name: 42, aliases: 'International press', reliability: 'Z' };
    expect(() => parse(registryLine(`source-${SOURCE}`, 'SourceRegistered', bad), 2)).toThrow(`line 2: the SourceRegistered event of source-${SOURCE} does not have its registry's shape`);
    expect(() => parse(registryLine(`actor-${SOURCE}`, 'ActorRegistered', { actorId: SOURCE, name: 'Cartel', aliases: [], actorType: 'cartel' }), 3)).toThrow(`line 3: the ActorRegistered event of actor-${SOURCE} does not have`);
  });

  it('refuses an event of a schema version newer than this build reads', () => {
    expect(() => parse(line(json(OPENED), '{"schemaVersion":99}'), 9)).toThrow('line 9: IncidentOpened: IncidentOpened schema version 99 is newer than this build reads');
    for (const version of ['"2"', '0', '1.5', 'null']) expect(() => parse(line(json(OPENED), `{"schemaVersion":${version}}`), 9)).toThrow('line 9: metadata.schemaVersion must be a whole number from 1');
  });

  it('refuses a revision in any spelling but the one export writes (a re-run of the import compares revisions as written)', () => {
    for (const revision of ['"007"', '"+7"', '"7.0"', '7', '""']) {
      expect(() => parse(line(json(OPENED)).replace('"revision":"0"', `"revision":${revision}`), 5)).toThrow('line 5: revision must be a whole number from 0 to');
    }
  });

  it('refuses a line whose object holds a name twice, naming the line and the member (the copy JSON.parse drops could be the edited one)', () => {
    expect(() => parse(line(json(OPENED)).replace('"recordedAt":', '"recordedAt":"2019-01-01T00:00:00.000Z","recordedAt":'), 7)).toThrow(
      'line 7: recordedAt: recordedAt takes one value; it was given more than once',
    );
    expect(() => parse(line(json(OPENED)).replace('"data":{', '"data":{"title":"edited",'), 8)).toThrow('line 8: data.title: data.title takes one value');
  });

  it('refuses a member export never writes at the top of a line, naming it (the import would drop it)', () => {
    expect(() => parse(line(json(OPENED)).replace('"data":', '"note":"edited","data":'), 4)).toThrow('line 4: note: property note should not exist');
  });

  it('refuses a position, informative as it is, in any spelling but the one export writes, or none', () => {
    for (const position of ['"banana"', '"007"', '7', '""', 'null']) {
      expect(() => parse(line(json(OPENED)).replace('"position":"1"', `"position":${position}`), 6)).toThrow('line 6: position must be a whole number from 0 to');
    }
    expect(() => parse(line(json(OPENED)).replace('"position":"1",', ''), 6)).toThrow('line 6: position must be a whole number from 0 to');
  });

  it('refuses a top-level recordedAt that is not the one export writes (the envelope time), naming the line', () => {
    const metadata = '{"recordedAt":"2026-12-01T10:00:00.000Z"}';
    expect(() => parse(line(json(OPENED), metadata, undefined, undefined, '2026-12-01T11:00:00.000Z'), 3)).toThrow('line 3: recordedAt must be 2026-12-01T10:00:00.000Z');
    expect(() => parse(line(json(OPENED), metadata, undefined, undefined, '2026-12-01T10:00:00Z'), 3)).toThrow('line 3: recordedAt must be 2026-12-01T10:00:00.000Z');
    expect(() => parse(line(json(OPENED), '{}', undefined, undefined, 'yesterday'), 3)).toThrow('line 3: recordedAt must be a time as export writes it');
  });

  it('refuses an event id that is no UUID and a record time the API would refuse, naming the line', () => {
    expect(() => parse(line('{}', '{}', 'e'), 2)).toThrow('line 2: eventId must be a UUID');
    for (const recordedAt of ['"not a date"', '"-005000-01-01T00:00:00.000Z"', '7']) {
      expect(() => parse(line('{}', `{"recordedAt":${recordedAt}}`), 2)).toThrow('line 2: metadata.recordedAt must be');
    }
  });

  it.each([
    ['a NUL in a value', '{"title":"a\\u0000"}'],
    ['a lone surrogate in a nested value', '{"location":{"place":"x\\ud800"}}'],
    ['a lone surrogate in a key', '{"\\udc00":1}'],
    ['a NUL in a list', '{"tags":["ok","\\u0000"]}'],
  ])('refuses %s, naming the line', (_, data) => {
    expect(() => parse(line(data), 7)).toThrow('line 7: its text must not contain NUL characters or unpaired UTF-16 surrogates');
  });

  it.each([
    ['nested 33 levels', `{"tags":${'['.repeat(32)}${']'.repeat(32)}}`, `line 3: data.tags${'[0]'.repeat(30)}: data.tags${'[0]'.repeat(30)} is nested deeper than 32 levels`],
    ['nested a million levels', `{"tags":${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}}`, 'line 3: data.tags'],
    ['a key naming object machinery', '{"location":{"__proto__":{"admin":true}}}', 'line 3: data.location.__proto__: property __proto__ should not exist'],
  ])('refuses data %s as the API refuses such a body, naming the line and the field', (_, data, message) => {
    expect(() => parse(line(data), 3)).toThrow(message);
  });
});
