import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Actor, Role } from './roles.js';
import { requestOf } from './request-of.js';

export const PUBLIC_KEY = 'auth:public';
export const ROLES_KEY = 'auth:roles';

/** No token needed (health, metrics, docs). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** Any one of these roles may call the route; `admin` always may. */
export const Roles = (...roles: readonly Role[]) => SetMetadata(ROLES_KEY, roles);

/** The caller set on the request by `AuthGuard`. */
export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor => requestOf(context).actor!);
