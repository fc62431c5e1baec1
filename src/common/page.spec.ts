import { Cursors } from './page.js';

const isKey = (key: unknown): key is [string, number] => Array.isArray(key) && key.length === 2 && typeof key[0] === 'string' && Number.isInteger(key[1]);
const refused = expect.objectContaining({ code: 'CURSOR.INVALID', errors: [expect.objectContaining({ field: 'after' })] });
const json = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('Cursors', () => {
  const cursors = new Cursors('timeline', isKey);
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
    expect(() => cursors.decode(new Cursors('actors', isKey).encode(['2019-11-30T18:00:00.000Z', 7]))).toThrow(refused);
    expect(() => cursors.decode(json(['2019-11-30T18:00:00.000Z', 7]))).toThrow(refused);
  });

  it.each(['a\u0000b', '\ud800'])('refuses a key whose text PostgreSQL cannot hold (%j)', (text) => {
    expect(() => cursors.decode(cursors.encode([text, 7]))).toThrow(refused);
  });

  it('refuses a key of another shape', () => {
    expect(() => cursors.decode(json(['timeline', '2019-11-30T18:00:00.000Z']))).toThrow(refused);
  });
});
