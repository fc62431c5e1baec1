import { Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { isUtf8 } from 'node:buffer';
import jsonwebtoken from 'jsonwebtoken';
import { z } from 'zod';
import { Clock } from '../common/clock.js';
import { RUNTIME } from '../config/runtime.module.js';
import type { Config } from '../config/config.js';
import { type Actor, isSubject, ROLES, type Role, SUBJECT_RULE } from './roles.js';
import { DEFAULT_LIFETIME_SECONDS, issueToken } from './token-issuer.js';

/** How far apart the issuer's clock and ours may be, in seconds, for `exp`, `nbf` and `iat`. */
export const CLOCK_SKEW_SECONDS = 30;

const claims = z.object({
  sub: z.string().refine(isSubject, { error: `token's \`sub\` ${SUBJECT_RULE}` }),
  roles: z.array(z.enum(ROLES)).min(1),
  exp: z.number({ error: 'token needs an `exp` (expiry) claim' }),
  iat: z.number().optional(),
});

/** A verified bearer token: who it is for, and when it stops being valid. */
export interface Credential {
  readonly actor: Actor;
  readonly expiresAt: Date;
}

function refuse(message: string): never {
  throw new UnauthorizedException(message);
}

/**
 * Issues and checks HS256 bearer tokens with `sub` and `roles` claims (docs/security.md). A token must
 * expire: `exp` is required and may be at most `JWT_MAX_LIFETIME_SECONDS` after `iat` (or after
 * now, without `iat`); `iat` may not be in the future and `nbf` not reached, give or take
 * `CLOCK_SKEW_SECONDS`; a `crit` header is refused, since this server understands no JWS extension
 * (RFC 7515 §4.1.11). REST, GraphQL over HTTP and the graphql-ws handshake all verify here. "Now"
 * is the injected `Clock`'s, for signing and for every check.
 */
@Injectable()
export class TokenService {
  /** `JWT_MAX_LIFETIME_SECONDS`: the longest lifetime `issue` gives and `verify` accepts. */
  readonly maxLifetimeSeconds: number;

  constructor(
    private readonly jwt: JwtService,
    @Inject(RUNTIME) { config }: { readonly config: Pick<Config, 'JWT_MAX_LIFETIME_SECONDS'> },
    private readonly clock: Clock,
  ) {
    this.maxLifetimeSeconds = config.JWT_MAX_LIFETIME_SECONDS;
  }

  /** A token for `sub` with `roles`, valid `lifetimeSeconds` from now; over `JWT_MAX_LIFETIME_SECONDS` throws a `RangeError`. */
  issue(sub: string, roles: readonly Role[], lifetimeSeconds = DEFAULT_LIFETIME_SECONDS): string {
    return issueToken((claims, expiresIn) => this.jwt.sign({ ...claims, iat: this.nowSeconds() }, { expiresIn }), this.maxLifetimeSeconds, sub, roles, lifetimeSeconds);
  }

  /** The token's credential; `UnauthorizedException` (401) naming the reason when it is not valid now. */
  verify(token: string): Credential {
    // The header and claims must be UTF-8: other bytes would be read as U+FFFD, a `sub` nobody signed for.
    if (!token.split('.', 2).every((part) => isUtf8(Buffer.from(part, 'base64url')))) refuse('token header and claims must be UTF-8 JSON');
    const now = this.nowSeconds();
    let decoded: { header: object; payload: unknown };
    try {
      decoded = this.jwt.verify(token, { complete: true, clockTolerance: CLOCK_SKEW_SECONDS, clockTimestamp: now });
    } catch (error) {
      // The library's own refusals name the reason; anything else came from claims that are not an object.
      return refuse(error instanceof jsonwebtoken.JsonWebTokenError ? error.message : 'token claims must be a JSON object');
    }
    if ('crit' in decoded.header) refuse('token header names critical extensions (crit) this server does not understand');
    const parsed = claims.safeParse(decoded.payload);
    if (!parsed.success) {
      // The first claim refused names the reason; a `sub` or `roles` of the wrong type has one reason for both.
      const [{ path, code, message }] = parsed.error.issues;
      return refuse(path[0] === 'exp' || code === 'custom' ? message : 'token needs a `sub` and a non-empty `roles` array of known roles');
    }
    const { sub, roles, exp, iat } = parsed.data;
    if (iat !== undefined && iat > now + CLOCK_SKEW_SECONDS) refuse('token issued in the future (iat)');
    if (exp - (iat ?? now) > this.maxLifetimeSeconds) refuse(`token lifetime (exp - iat) is over the maximum of ${this.maxLifetimeSeconds} s`);
    return { actor: { sub, roles }, expiresAt: new Date(exp * 1000) };
  }

  /** Milliseconds until `credential` expires (negative once it has). */
  msUntilExpiry(credential: Credential): number {
    return credential.expiresAt.getTime() - this.clock.now().getTime();
  }

  /** The credential of an `Authorization: Bearer <token>` header value. */
  fromAuthorization(header: string | undefined): Credential {
    const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
    if (!match) refuse('missing bearer token');
    return this.verify(match[1]);
  }

  /** The clock's time in whole seconds, as JWT's `iat`, `nbf` and `exp` count it (RFC 7519 §2 NumericDate). */
  private nowSeconds(): number {
    return Math.floor(this.clock.now().getTime() / 1000);
  }
}
