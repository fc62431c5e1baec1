import { parseExportedEvent } from '../../src/incidents/audit/exported-event.js';

const line = (data: string) => `{"stream":"incident-1","eventId":"e","type":"IncidentOpened","revision":"0","metadata":{},"data":${data}}`;

describe('parseExportedEvent: an import line', () => {
  it('takes a line every layer can store', () => {
    expect(parseExportedEvent(line('{"title":"Villa Unión 🙂"}'), 1).data).toEqual({ title: 'Villa Unión 🙂' });
  });

  it.each([
    ['a NUL in a value', '{"title":"a\\u0000"}'],
    ['a lone surrogate in a nested value', '{"location":{"place":"x\\ud800"}}'],
    ['a lone surrogate in a key', '{"\\udc00":1}'],
    ['a NUL in a list', '{"tags":["ok","\\u0000"]}'],
  ])('refuses %s, naming the line', (_, data) => {
    expect(() => parseExportedEvent(line(data), 7)).toThrow('line 7: its text must not contain NUL characters or unpaired UTF-16 surrogates');
  });
});
