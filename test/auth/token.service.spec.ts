import { describe, expect, it } from '@jest/globals';
import { UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { createHmac } from 'node:crypto';
import { TokenService } from '../../src/auth/token.service.js';
import { type Clock, systemClock } from '../../src/common/clock.js';
import { loadConfig } from '../../src/config/config.js';
import type { Runtime } from '../../src/config/runtime.js';

const SECRET = 'test-secret-that-is-at-least-32-characters-long';
const jwt = new JwtService({ secret: SECRET, signOptions: { algorithm: 'HS256' }, verifyOptions: { algorithms: ['HS256'] } });
const tokensWith = (env: NodeJS.ProcessEnv = {}, clock: Clock = systemClock) => new TokenService(jwt, { config: loadConfig({ JWT_SECRET: SECRET, ...env }) } as Runtime, clock);
const tokens = tokensWith();
const now = () => Math.floor(Date.now() / 1000);
const claims = { sub: 'ana', roles: ['analyst'] };

const refusal = (token: string): string => {
  try {
    tokens.verify(token);
  } catch (error) {
    expect(error).toBeInstanceOf(UnauthorizedException);
    return (error as Error).message;
  }
  throw new Error('the token was accepted');
};

describe('TokenService: token lifetimes (RFC 7519 §4.1.4–6, RFC 7515 §4.1.11)', () => {
  it('accepts what it issues, and says when it expires', () => {
    const before = Date.now();
    const { actor, expiresAt } = tokens.verify(tokens.issue('ana', ['analyst'], 3600));
    expect(actor).toEqual({ sub: 'ana', roles: ['analyst'] });
    expect(expiresAt.getTime()).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000 + 3_600_000);
    expect(expiresAt.getTime()).toBeLessThanOrEqual(Date.now() + 3_600_000);
  });

  it('refuses a token without exp', () => {
    expect(refusal(jwt.sign(claims))).toBe('token needs an `exp` (expiry) claim');
  });

  it('refuses a lifetime over JWT_MAX_LIFETIME_SECONDS (24 h unless configured), from iat or, without it, from now', () => {
    expect(refusal(jwt.sign(claims, { expiresIn: 24 * 3600 + 60 }))).toBe('token lifetime (exp - iat) is over the maximum of 86400 s');
    expect(refusal(jwt.sign({ ...claims, exp: now() + 25 * 3600 }, { noTimestamp: true }))).toMatch(/over the maximum/);
    expect(tokens.verify(jwt.sign(claims, { expiresIn: 24 * 3600 })).actor.sub).toBe('ana');
    expect(() => tokensWith({ JWT_MAX_LIFETIME_SECONDS: '3600' }).verify(jwt.sign(claims, { expiresIn: 7200 }))).toThrow(/maximum of 3600 s/);
  });

  it('will not issue a token living longer than the maximum', () => {
    expect(() => tokens.issue('ana', ['analyst'], 24 * 3600 + 1)).toThrow(RangeError);
  });

  it('refuses iat in the future beyond the clock skew, and accepts it within', () => {
    expect(refusal(jwt.sign({ ...claims, iat: now() + 365 * 24 * 3600 }, { expiresIn: 3600 }))).toBe('token issued in the future (iat)');
    expect(tokens.verify(jwt.sign({ ...claims, iat: now() + 20 }, { expiresIn: 3600 })).actor.sub).toBe('ana');
  });

  it('refuses nbf not yet reached beyond the clock skew, and accepts it within', () => {
    expect(refusal(jwt.sign(claims, { expiresIn: 3600, notBefore: 120 }))).toBe('jwt not active');
    expect(tokens.verify(jwt.sign(claims, { expiresIn: 3600, notBefore: 20 })).actor.sub).toBe('ana');
  });

  it('accepts exp just past within the clock skew, refuses it beyond', () => {
    expect(tokens.verify(jwt.sign({ ...claims, iat: now() - 100, exp: now() - 10 })).actor.sub).toBe('ana');
    expect(refusal(jwt.sign({ ...claims, iat: now() - 100, exp: now() - 60 }))).toBe('jwt expired');
  });

  it('refuses a crit header (no JWS extension is understood here)', () => {
    const token = jwt.sign(claims, { expiresIn: 3600, header: { alg: 'HS256', crit: ['exp'] } as never });
    expect(refusal(token)).toBe('token header names critical extensions (crit) this server does not understand');
  });

  it('refuses a sub that no layer could store or that shows nothing: NUL, a lone surrogate, blank, invisible only', () => {
    for (const sub of ['a\u0000', 'a\ud800', '\udc00b', '', '   ', '\u200b\u2800', 'a'.repeat(257), '🙂'.repeat(257)]) {
      expect(refusal(jwt.sign({ ...claims, sub }, { expiresIn: 3600 }))).toBe("token's `sub` must hold a visible character, at most 256 characters, and no NUL characters or unpaired UTF-16 surrogates");
    }
    expect(tokens.verify(jwt.sign({ ...claims, sub: 'a'.repeat(256) }, { expiresIn: 3600 })).actor.sub).toHaveLength(256);
    // Characters are code points, as every other limit counts them: an emoji is one.
    expect(tokens.verify(jwt.sign({ ...claims, sub: '🙂'.repeat(256) }, { expiresIn: 3600 })).actor.sub).toBe('🙂'.repeat(256));
    expect(tokens.verify(jwt.sign({ ...claims, sub: ' Ana 🙂 ' }, { expiresIn: 3600 })).actor.sub).toBe(' Ana 🙂 ');
  });

  it('names the claims when sub or roles has the wrong type', () => {
    expect(refusal(jwt.sign({ ...claims, sub: 7 }, { expiresIn: 3600 }))).toBe('token needs a `sub` and a non-empty `roles` array of known roles');
    expect(refusal(jwt.sign({ ...claims, roles: [] }, { expiresIn: 3600 }))).toBe('token needs a `sub` and a non-empty `roles` array of known roles');
  });
});

describe('TokenService: time from the injected clock', () => {
  // Far from the system's time, so no check can pass by reading the system clock instead.
  const at = new Date('2040-06-01T12:00:00Z');
  const atSeconds = at.getTime() / 1000;
  const fixed = tokensWith({}, { now: () => at });

  it("signs iat and exp from the clock's time", () => {
    const token = fixed.issue('ana', ['analyst'], 3600);
    expect(jwt.decode(token)).toMatchObject({ iat: atSeconds, exp: atSeconds + 3600 });
    expect(fixed.verify(token).expiresAt).toEqual(new Date(at.getTime() + 3_600_000));
  });

  it("checks exp, nbf and iat against the clock's time", () => {
    expect(fixed.verify(jwt.sign({ ...claims, iat: atSeconds - 10, exp: atSeconds + 60 })).actor.sub).toBe('ana');
    expect(() => fixed.verify(jwt.sign({ ...claims, iat: atSeconds - 100, exp: atSeconds - 60 }))).toThrow('jwt expired');
    expect(() => fixed.verify(jwt.sign({ ...claims, iat: atSeconds, nbf: atSeconds + 120, exp: atSeconds + 3600 }))).toThrow('jwt not active');
    expect(() => fixed.verify(jwt.sign({ ...claims, iat: atSeconds + 3600, exp: atSeconds + 7200 }))).toThrow('token issued in the future (iat)');
  });

  it("counts a token's remaining life on the clock", () => {
    const credential = fixed.verify(fixed.issue('ana', ['analyst'], 600));
    expect(fixed.msUntilExpiry(credential)).toBe(600_000);
  });

  it('refuses claims that are not UTF-8 (a lone surrogate encoded as bytes would read as U+FFFD), though signed', () => {
    const segment = (bytes: Buffer) => bytes.toString('base64url');
    const header = segment(Buffer.from('{"alg":"HS256","typ":"JWT"}'));
    const exp = Math.floor(Date.now() / 1000) + 3600;
    const payload = segment(Buffer.concat([Buffer.from('{"sub":"a'), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from(`","roles":["analyst"],"exp":${exp}}`)]));
    const signature = createHmac('sha256', SECRET).update(`${header}.${payload}`).digest('base64url');
    expect(refusal(`${header}.${payload}.${signature}`)).toBe('token header and claims must be UTF-8 JSON');
  });

  it('refuses signed claims that are not a JSON object with a plain reason, not an internal message', () => {
    const header = Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url');
    for (const payload of ['null', 'true', '7', '[1,2]'].map((json) => Buffer.from(json).toString('base64url'))) {
      const signature = createHmac('sha256', SECRET).update(`${header}.${payload}`).digest('base64url');
      expect(refusal(`${header}.${payload}.${signature}`)).not.toMatch(/Cannot read|undefined|null \(/);
    }
  });
});
