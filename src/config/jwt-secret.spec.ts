import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureJwtSecret, readJwtSecret } from './jwt-secret.js';

describe('the JWT secret', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'jwt-secret-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is generated into DATA_DIR once; later starts reuse it and say it was not generated', () => {
    const first = ensureJwtSecret({ DATA_DIR: dir });
    expect(first.generated).toBe(true);
    expect(first.secret).toMatch(/^[0-9a-f]{64}$/);
    expect(ensureJwtSecret({ DATA_DIR: dir })).toEqual({ secret: first.secret, generated: false });
    expect(readJwtSecret({ DATA_DIR: dir })).toBe(first.secret);
  });

  it('is JWT_SECRET when set, with nothing written', () => {
    const secret = 'x'.repeat(32);
    expect(ensureJwtSecret({ DATA_DIR: dir, JWT_SECRET: secret })).toEqual({ secret, generated: false });
    expect(readJwtSecret({ DATA_DIR: join(dir, 'absent'), JWT_SECRET: secret })).toBe(secret);
    expect(existsSync(join(dir, 'jwt-secret'))).toBe(false);
  });

  it('is never created by a reader: no secret is an error naming where it looked', () => {
    const absent = join(dir, 'absent');
    expect(() => readJwtSecret({ DATA_DIR: absent })).toThrow(`JWT_SECRET is not set and ${join(absent, 'jwt-secret')} does not exist`);
    expect(existsSync(absent)).toBe(false);
  });
  it.each(['', '\n', 'abc', 'x'.repeat(31)])('refuses a jwt-secret file holding %p (shorter than 32 characters), naming the file', (content) => {
    writeFileSync(join(dir, 'jwt-secret'), content);
    const message = `${join(dir, 'jwt-secret')} holds a JWT secret of ${content.trim().length} characters; it must have at least 32`;
    expect(() => ensureJwtSecret({ DATA_DIR: dir })).toThrow(message);
    expect(() => readJwtSecret({ DATA_DIR: dir })).toThrow(message);
  });
});
