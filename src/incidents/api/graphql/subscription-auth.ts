import { CloseCode, type Context } from 'graphql-ws';
import type { Extra } from 'graphql-ws/use/ws';
import type { AuthenticatedRequest } from '../../../auth/request-of.js';
import { READ } from '../../../auth/roles.js';
import type { TokenService } from '../../../auth/token.service.js';

export type SocketContext = Context<Record<string, unknown> | undefined, Extra>;

/** `connectionParams.authorization` as an `Authorization` header value (`Bearer ` optional). */
const authorizationOf = (context: Context<Record<string, unknown> | undefined>): string | undefined => {
  const value = context.connectionParams?.authorization ?? context.connectionParams?.Authorization;
  if (typeof value !== 'string') return undefined;
  return /^Bearer\s/i.test(value) ? value : `Bearer ${value}`;
};

/**
 * The graphql-ws handshake (`connection_init`): no valid token closes the socket with 4401, a
 * token without a read role with 4403 (graphql-ws's codes for HTTP 401 and 403). Each operation on
 * an accepted socket still goes through `AuthGuard` like an HTTP one, on the request built below.
 */
export function subscriptionHandshake(tokens: TokenService) {
  return (context: Context<Record<string, unknown> | undefined>): boolean => {
    const { socket } = context.extra as Extra;
    let roles;
    try {
      roles = tokens.fromAuthorization(authorizationOf(context)).roles;
    } catch {
      socket.close(CloseCode.Unauthorized, 'Unauthorized');
      return false;
    }
    return roles.includes('admin') || roles.some((role) => READ.includes(role));
  };
}

/** The request `AuthGuard` and `@CurrentActor` read for an operation sent over a socket. */
export const socketRequest = (context: SocketContext): AuthenticatedRequest =>
  ({ headers: { authorization: authorizationOf(context) } }) as AuthenticatedRequest;
