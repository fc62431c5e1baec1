import { CURSOR_PARTS, Cursors } from './page.js';

const parts = [CURSOR_PARTS.time, CURSOR_PARTS.sequence];
const refused = expect.objectContaining({ code: 'CURSOR.INVALID', errors: [expect.objectContaining({ field: 'after' })] });
const json = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('Cursors', () => {
  const cursors = new Cursors<[string, number]>('timeline', parts);
  const cursor = cursors.encode(['2019-11-30T18:00:00.000Z', 7]);

  it('gives back the key of a cursor it made', () => {
    expect(cursors.decode(cursor)).toEqual(['2019-11-30T18:00:00.000Z', 7]);
  });

  it.each([`${cursor}=`, `${cursor}==`, ` ${cursor}`, `${cursor}\n`, `${cursor}.`])('refuses the same key spelled another way Node would decode (%j)', (spelled) => {
    expect(Buffer.from(spelled, 'base64url').equals(Buffer.from(cursor, 'base64url'))).toBe(true);
    expect(() => cursors.decode(spelled)).toThrow(refused);
  });

  it('refuses the same key written as other JSON (whitespace)', () => {
    expect(() => cursors.decode(Buffer.from(' ["timeline", "2019-11-30T18:00:00.000Z", 7] ').toString('base64url'))).toThrow(refused);
  });

  it("refuses another list's cursor of the same shape, and a key without its list", () => {
    expect(() => cursors.decode(new Cursors<[string, number]>('actors', parts).encode(['2019-11-30T18:00:00.000Z', 7]))).toThrow(refused);
    expect(() => cursors.decode(json(['2019-11-30T18:00:00.000Z', 7]))).toThrow(refused);
  });

  it.each(['a\u0000b', '\ud800'])('refuses a key whose text PostgreSQL cannot hold (%j)', (text) => {
    const names = new Cursors<[string]>('actors', [CURSOR_PARTS.text]);
    expect(names.decode(names.encode(['Los Zetas']))).toEqual(['Los Zetas']);
    expect(() => names.decode(names.encode([text]))).toThrow(refused);
  });

  it.each([
    ['a time without milliseconds', ['2019-11-30T18:00:00Z', 7]],
    ['a time with an offset', ['2019-11-30T19:00:00.000+01:00', 7]],
    ['a date alone', ['2019-11-30', 7]],
    ['a fractional sequence', ['2019-11-30T18:00:00.000Z', 7.5]],
  ])('refuses a key whose parts are spelled otherwise than cursors spell them: %s', (_, key) => {
    expect(() => cursors.decode(cursors.encode(key as [string, number]))).toThrow(refused);
  });

  it('refuses an upper-case uuid', () => {
    const ids = new Cursors<[string]>('changes', [CURSOR_PARTS.uuid]);
    const id = '0b0f6a1e-5d8c-4c1e-9a7e-2f1d3c4b5a69';
    expect(ids.decode(ids.encode([id]))).toEqual([id]);
    expect(() => ids.decode(ids.encode([id.toUpperCase()]))).toThrow(refused);
  });

  it.each(['017', '9223372036854775807'])('refuses a position with a leading zero, or one no page can start after (%s)', (position) => {
    const positions = new Cursors<[string]>('history', [CURSOR_PARTS.position]);
    expect(positions.decode(positions.encode(['17']))).toEqual(['17']);
    expect(() => positions.decode(positions.encode([position]))).toThrow(refused);
  });

  it('refuses a key of another shape', () => {
    expect(() => cursors.decode(json(['timeline', '2019-11-30T18:00:00.000Z']))).toThrow(refused);
  });
});
