import { parseClientJson } from './client-json.js';

describe('parseClientJson', () => {
  it('is undefined for text that is not JSON, which its own parser refuses', () => {
    for (const text of ['{"a":1,"a":2', '{"a":"', '', 'nope']) expect(parseClientJson(text)).toBeUndefined();
  });

  it('gives the value with the names it holds twice and its objects wider than any input, named from where it sits', () => {
    const wide = JSON.stringify({ l: Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`k${i}`, i])) });
    expect(parseClientJson(`{"id":1,"id":2}`, 'variables')).toEqual({ value: { id: 2 }, faults: [expect.objectContaining({ field: 'variables.id' })] });
    expect(parseClientJson(wide, 'variables')?.faults).toEqual([expect.objectContaining({ field: 'variables.l.k100' })]);
    expect(parseClientJson('{"type":"ping"}')).toEqual({ value: { type: 'ping' }, faults: [] });
  });
});
