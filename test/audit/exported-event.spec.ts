import { parseExportedEvent } from '../../src/incidents/audit/exported-event.js';

const line = (data: string, metadata = '{}', eventId = '0b0f3a52-6c9e-4c7d-9d3e-2f1a5b6c7d8e') =>
  `{"stream":"incident-1","eventId":"${eventId}","type":"IncidentOpened","revision":"0","metadata":${metadata},"data":${data}}`;

describe('parseExportedEvent: an import line', () => {
  it('takes a line every layer can store', () => {
    expect(parseExportedEvent(line('{"title":"Villa Unión 🙂"}'), 1).data).toEqual({ title: 'Villa Unión 🙂' });
    expect(parseExportedEvent(line('{}', '{"recordedAt":"2026-12-01T10:00:00.000Z"}'), 1).metadata).toEqual({ recordedAt: '2026-12-01T10:00:00.000Z' });
  });

  it('refuses an event id that is no UUID and a record time the API would refuse, naming the line', () => {
    expect(() => parseExportedEvent(line('{}', '{}', 'e'), 2)).toThrow('line 2: eventId must be a UUID');
    for (const recordedAt of ['"not a date"', '"-005000-01-01T00:00:00.000Z"', '7']) {
      expect(() => parseExportedEvent(line('{}', `{"recordedAt":${recordedAt}}`), 2)).toThrow('line 2: metadata.recordedAt must be');
    }
  });

  it.each([
    ['a NUL in a value', '{"title":"a\\u0000"}'],
    ['a lone surrogate in a nested value', '{"location":{"place":"x\\ud800"}}'],
    ['a lone surrogate in a key', '{"\\udc00":1}'],
    ['a NUL in a list', '{"tags":["ok","\\u0000"]}'],
  ])('refuses %s, naming the line', (_, data) => {
    expect(() => parseExportedEvent(line(data), 7)).toThrow('line 7: its text must not contain NUL characters or unpaired UTF-16 surrogates');
  });

  it.each([
    ['nested 33 levels', `{"tags":${'['.repeat(32)}${']'.repeat(32)}}`, `line 3: data.tags${'[0]'.repeat(30)}: data.tags${'[0]'.repeat(30)} is nested deeper than 32 levels`],
    ['nested a million levels', `{"tags":${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}}`, 'line 3: data.tags'],
    ['a key naming object machinery', '{"location":{"__proto__":{"admin":true}}}', 'line 3: data.location.__proto__: property __proto__ should not exist'],
  ])('refuses data %s as the API refuses such a body, naming the line and the field', (_, data, message) => {
    expect(() => parseExportedEvent(line(data), 3)).toThrow(message);
  });
});
