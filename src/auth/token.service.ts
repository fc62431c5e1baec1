import { Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { z } from 'zod';
import { type Actor, ROLES, type Role } from './roles.js';

const claims = z.object({ sub: z.string().min(1), roles: z.array(z.enum(ROLES)).min(1) });

/** Issues and checks HS256 bearer tokens with `sub` and `roles` claims (SPEC §5). */
@Injectable()
export class TokenService {
  constructor(private readonly jwt: JwtService) {}

  issue(sub: string, roles: readonly Role[], expiresInSeconds = 12 * 3600): string {
    return this.jwt.sign({ sub, roles }, { expiresIn: expiresInSeconds });
  }

  verify(token: string): Actor {
    let payload: unknown;
    try {
      payload = this.jwt.verify(token);
    } catch (error) {
      throw new UnauthorizedException((error as Error).message);
    }
    const parsed = claims.safeParse(payload);
    if (!parsed.success) throw new UnauthorizedException('token needs a `sub` and a non-empty `roles` array of known roles');
    return parsed.data;
  }

  /** The actor of an `Authorization: Bearer <token>` header value. */
  fromAuthorization(header: string | undefined): Actor {
    const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
    if (!match) throw new UnauthorizedException('missing bearer token');
    return this.verify(match[1]);
  }
}
