import type { ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { Request } from 'express';
import type { Actor } from './roles.js';

export type AuthenticatedRequest = Request & { actor?: Actor };

/** The HTTP request behind a REST or GraphQL call. */
export function requestOf(context: ExecutionContext): AuthenticatedRequest {
  if (context.getType<string>() === 'graphql') return GqlExecutionContext.create(context).getContext<{ req: AuthenticatedRequest }>().req;
  return context.switchToHttp().getRequest<AuthenticatedRequest>();
}
