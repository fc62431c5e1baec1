import { decodeCursor, encodeCursor } from './page.js';

const isKey = (key: unknown): key is [string, number] => Array.isArray(key) && key.length === 2 && typeof key[0] === 'string' && Number.isInteger(key[1]);

describe('decodeCursor', () => {
  const cursor = encodeCursor(['2019-11-30T18:00:00.000Z', 7]);

  it('gives back the key of a cursor encodeCursor made', () => {
    expect(decodeCursor(cursor, isKey)).toEqual(['2019-11-30T18:00:00.000Z', 7]);
  });

  it.each([`${cursor}=`, `${cursor}==`, ` ${cursor}`, `${cursor}\n`, `${cursor}.`])('refuses the same key spelled another way Node would decode (%j)', (spelled) => {
    expect(Buffer.from(spelled, 'base64url').equals(Buffer.from(cursor, 'base64url'))).toBe(true);
    expect(() => decodeCursor(spelled, isKey)).toThrow(expect.objectContaining({ code: 'CURSOR.INVALID' }));
  });

  it('refuses the same key written as other JSON (whitespace)', () => {
    const spaced = Buffer.from(' ["2019-11-30T18:00:00.000Z", 7] ').toString('base64url');
    expect(() => decodeCursor(spaced, isKey)).toThrow(expect.objectContaining({ code: 'CURSOR.INVALID' }));
  });

  it.each(['a\u0000b', '\ud800'])('refuses a key whose text PostgreSQL cannot hold (%j)', (text) => {
    expect(() => decodeCursor(encodeCursor([text, 7]), isKey)).toThrow(expect.objectContaining({ code: 'CURSOR.INVALID' }));
  });

  it('refuses a key of another shape', () => {
    expect(() => decodeCursor(encodeCursor(['2019-11-30T18:00:00.000Z']), isKey)).toThrow(expect.objectContaining({ code: 'CURSOR.INVALID' }));
  });
});
