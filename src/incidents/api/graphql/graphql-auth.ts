import { UnauthorizedException } from '@nestjs/common';
import type { Request } from 'express';
import { GraphQLError } from 'graphql';
import { CloseCode, type Context } from 'graphql-ws';
import type { Extra } from 'graphql-ws/use/ws';
import type { AuthenticatedRequest } from '../../../auth/request-of.js';
import { mayAct, READ } from '../../../auth/roles.js';
import type { Credential, TokenService } from '../../../auth/token.service.js';

export type SocketContext = Context<Record<string, unknown> | undefined, Extra>;

/** `connectionParams.authorization` as an `Authorization` header value (`Bearer ` optional). */
const authorizationOf = (context: Context<Record<string, unknown> | undefined>): string | undefined => {
  const value = context.connectionParams?.authorization ?? context.connectionParams?.Authorization;
  if (typeof value !== 'string') return undefined;
  return /^Bearer\s/i.test(value) ? value : `Bearer ${value}`;
};

/**
 * The graphql-ws handshake (`connection_init`): no valid token closes the socket with 4401, a
 * token without a read role with 4403 (graphql-ws's codes for HTTP 401 and 403). An accepted socket
 * is closed with 4401 when its token expires, live subscriptions and all: the client reconnects
 * with a fresh token. Each operation on it still goes through `AuthGuard` like an HTTP one, on the
 * request built below.
 */
export function subscriptionHandshake(tokens: TokenService) {
  return (context: Context<Record<string, unknown> | undefined>): boolean => {
    const { socket } = context.extra as Extra;
    let credential: Credential;
    try {
      credential = tokens.fromAuthorization(authorizationOf(context));
    } catch {
      socket.close(CloseCode.Unauthorized, 'Unauthorized');
      return false;
    }
    const expiry = setTimeout(() => socket.close(CloseCode.Unauthorized, 'Token expired'), tokens.msUntilExpiry(credential));
    socket.once('close', () => clearTimeout(expiry));
    return mayAct(credential.actor.roles, READ);
  };
}

/** The request `AuthGuard` and `@CurrentActor` read for an operation sent over a socket, with the socket's connection (which client sent it). */
export const socketRequest = (context: SocketContext): AuthenticatedRequest =>
  ({ headers: { authorization: authorizationOf(context) }, socket: context.extra.request.socket }) as AuthenticatedRequest;

/**
 * The context of an operation over HTTP, made before Apollo parses or validates the document: a
 * request without a valid token is answered 401 then, so an anonymous caller never gets a document
 * parsed, validated or introspected.
 */
export function httpRequest(tokens: TokenService, req: Request): AuthenticatedRequest {
  const request = req as AuthenticatedRequest;
  try {
    request.actor = tokens.fromAuthorization(request.headers.authorization).actor;
  } catch (error) {
    if (!(error instanceof UnauthorizedException)) throw error;
    throw new GraphQLError(error.message, { originalError: error, extensions: { http: { status: 401 } } });
  }
  return request;
}
