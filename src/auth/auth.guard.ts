import { type CanActivate, type ExecutionContext, ForbiddenException, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { PUBLIC_KEY, ROLES_KEY } from './auth.decorators.js';
import { requestOf } from './request-of.js';
import { mayAct, type Role } from './roles.js';
import { TokenService } from './token.service.js';

/** Global guard: every REST route and GraphQL operation needs a valid token unless marked `@Public()`. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = requestOf(context);
    request.actor = this.tokens.fromAuthorization(request.headers.authorization).actor;
    // A route that names no roles is for admins only: forgetting @Roles must not open it.
    const allowed = this.reflector.getAllAndOverride<readonly Role[]>(ROLES_KEY, targets) ?? [];
    if (mayAct(request.actor.roles, allowed)) return true;
    throw new ForbiddenException(`needs one of the roles: ${[...allowed, 'admin'].join(', ')}`);
  }
}
