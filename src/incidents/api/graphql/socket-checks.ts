import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { CloseCode, MessageType, stringifyMessage } from 'graphql-ws';
import type { RawData, WebSocket, WebSocketServer } from 'ws';
import { BODY_LIMIT_BYTES } from '../../../common/body-limit.js';
import { duplicateNamesIfJson } from '../../../common/duplicate-names.js';
import { formattedError } from './graphql-errors.js';
import { variablesError } from './input-errors.js';

/**
 * graphql-ws reads a socket's messages itself, `connection_init` first, and keeps the last copy of a
 * name given twice: every message is read here before it, as HTTP bodies are (`duplicateNames`). A
 * `subscribe` message holding a name twice is answered with an `error` naming it (`INPUT.INVALID`), its
 * operation not run; any other such message, the handshake's included, closes the socket with 4400, as graphql-ws
 * closes one it cannot read.
 */
function checkMessages(socket: WebSocket): void {
  const handlers = socket.listeners('message') as ((data: RawData, isBinary: boolean) => void)[];
  socket.removeAllListeners('message');
  socket.on('message', (data: RawData, isBinary: boolean) => {
    const text = String(data);
    const errors = duplicateNamesIfJson(text);
    if (errors.length === 0) {
      for (const handler of handlers) handler.call(socket, data, isBinary);
      return;
    }
    const { id, type } = JSON.parse(text) as { id?: unknown; type?: unknown };
    if (type === MessageType.Subscribe && typeof id === 'string') socket.send(stringifyMessage({ id, type: MessageType.Error, payload: [formattedError(variablesError(errors))] }));
    else socket.close(CloseCode.BadRequest, 'Invalid message received');
  });
}

/**
 * Gives the WebSocket server Nest makes for graphql-ws, once the app is up, the limits of an HTTP
 * body: a message of at most `BODY_LIMIT_BYTES` (past it, ws closes the socket with 1009 before
 * reading the message whole; its default is 100 MiB), and `checkMessages` on every socket from its
 * first message. Nest keeps that server on its driver's subscription service (not public API: a
 * Nest version that moves it fails this at start-up, not silently).
 */
@Injectable()
export class SocketChecks implements OnApplicationBootstrap {
  constructor(private readonly modules: ModuleRef) {}

  onApplicationBootstrap(): void {
    const driver = this.modules.get(GraphQLModule, { strict: false }).graphQlAdapter as unknown as { _subscriptionService?: { wss?: WebSocketServer } };
    const server = driver._subscriptionService?.wss;
    if (!server) throw new Error('No graphql-ws server found on the GraphQL driver to check socket messages');
    server.options.maxPayload = BODY_LIMIT_BYTES;
    const serve = server.listeners('connection') as ((socket: WebSocket, ...rest: unknown[]) => void)[];
    server.removeAllListeners('connection');
    server.on('connection', (socket: WebSocket, ...rest: unknown[]) => {
      for (const listener of serve) listener.call(server, socket, ...rest);
      checkMessages(socket);
    });
  }
}
