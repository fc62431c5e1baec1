import jsonwebtoken from 'jsonwebtoken';
import { jwtOptions } from './jwt-options.js';
import type { Role } from './roles.js';

/** Lifetime of a token `issueToken` makes when none is asked for, in seconds. */
export const DEFAULT_LIFETIME_SECONDS = 12 * 3600;

/** Signs `claims` into a JWT that expires `expiresInSeconds` from now. */
export type Sign = (claims: { sub: string; roles: readonly Role[] }, expiresInSeconds: number) => string;

/**
 * HS256 with `secret`, as the server's `JwtModule` signs (`jwtOptions`), without Nest: the CLI's
 * `token` loads this module and the configuration alone, so that it answers quickly.
 */
export function signWith(secret: string): Sign {
  const { secret: key, signOptions } = jwtOptions(secret);
  return (claims, expiresInSeconds) => jsonwebtoken.sign(claims, key!, { ...signOptions, expiresIn: expiresInSeconds });
}

/**
 * A bearer token for `sub` with `roles` (the claims the server checks), valid `lifetimeSeconds` from
 * now; a lifetime of 0 or less, or over `maxLifetimeSeconds` (`JWT_MAX_LIFETIME_SECONDS`), throws a
 * `RangeError`. The server's `TokenService` and the CLI's `token` both issue here.
 */
export function issueToken(sign: Sign, maxLifetimeSeconds: number, sub: string, roles: readonly Role[], lifetimeSeconds = DEFAULT_LIFETIME_SECONDS): string {
  if (!(lifetimeSeconds > 0 && lifetimeSeconds <= maxLifetimeSeconds)) {
    throw new RangeError(`a token lifetime must be more than 0 and at most JWT_MAX_LIFETIME_SECONDS (${maxLifetimeSeconds} s)`);
  }
  return sign({ sub, roles }, lifetimeSeconds);
}
