import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { CloseCode, MessageType, stringifyMessage } from 'graphql-ws';
import type { RawData, WebSocket, WebSocketServer } from 'ws';
import { BODY_LIMIT_BYTES } from '../../../common/body-limit.js';
import { parseClientJson } from '../../../common/client-json.js';
import { RUNTIME } from '../../../config/runtime.module.js';
import type { Runtime } from '../../../config/runtime.js';
import { formattedError } from './graphql-errors.js';
import { variablesError } from './input-errors.js';

/** The message types a client sends (the graphql-transport-ws protocol); graphql-ws answers any other with a 4500 and a stack trace in the log. */
const CLIENT_TYPES = new Set<unknown>([MessageType.ConnectionInit, MessageType.Ping, MessageType.Pong, MessageType.Subscribe, MessageType.Complete]);

/** graphql-ws's close code for a client over a limit (it uses it for a second `connection_init`). */
const TOO_MANY = 4429;

/**
 * graphql-ws reads a socket's messages itself, `connection_init` first, and keeps the last copy of a
 * name given twice: every message is read here before it, as HTTP bodies are. A `subscribe` message
 * holding a name twice or an object wider than any input (`parseClientJson`) is answered
 * with an `error` naming it (`INPUT.INVALID`), its operation not run; any other such message, the
 * handshake's included, or one of a type no client sends, closes the socket with 4400, as graphql-ws
 * closes one it cannot read. More than `perMinute` messages in a minute (the HTTP requests a client
 * may send; 0: no limit) close it with 4429: each `subscribe` starts reads, which a burst would pile up.
 */
function checkMessages(socket: WebSocket, perMinute: number): void {
  const handlers = socket.listeners('message') as ((data: RawData, isBinary: boolean) => void)[];
  socket.removeAllListeners('message');
  let minute = { start: Date.now(), messages: 0 };
  let initialised = false;
  socket.on('message', (data: RawData, isBinary: boolean) => {
    if (Date.now() - minute.start >= 60_000) minute = { start: Date.now(), messages: 0 };
    if (perMinute > 0 && ++minute.messages > perMinute) return socket.close(TOO_MANY, `More than ${perMinute} messages a minute`);
    const parsed = parseClientJson(String(data));
    const { id, type } = (parsed?.value ?? {}) as { id?: unknown; type?: unknown };
    const errors = parsed?.faults ?? [];
    // Text that is not JSON goes on to graphql-ws, which closes the socket with 4400 for it.
    // Before `connection_init`, a `subscribe` goes on too, faults or not: graphql-ws closes the socket with 4401, answering nothing.
    if (parsed === undefined || (errors.length === 0 && CLIENT_TYPES.has(type)) || (type === MessageType.Subscribe && !initialised)) {
      initialised ||= type === MessageType.ConnectionInit;
      for (const handler of handlers) handler.call(socket, data, isBinary);
    } else if (errors.length > 0 && type === MessageType.Subscribe && typeof id === 'string') {
      socket.send(stringifyMessage({ id, type: MessageType.Error, payload: [formattedError(variablesError(errors))] }));
    } else {
      socket.close(CloseCode.BadRequest, 'Invalid message received');
    }
  });
}

const logger = new Logger('GraphQL');

/**
 * A socket's error that is the client's fault (ws's `WS_ERR_…`: a message over the size limit, bad
 * UTF-8, a bad close code), after which ws closes the socket itself, is logged as a warning in the
 * app's JSON log; graphql-ws would print it with its stack to stderr as an internal error. Any other
 * error goes to graphql-ws's handler.
 */
function clientFaultsLogged(socket: WebSocket): void {
  const handlers = socket.listeners('error') as ((error: Error) => void)[];
  socket.removeAllListeners('error');
  socket.once('error', (error: Error & { code?: string }) => {
    if (error.code?.startsWith('WS_ERR_')) logger.warn(`Socket closed for the client's fault: ${error.message} (${error.code})`);
    else for (const handler of handlers) handler.call(socket, error);
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
  constructor(
    private readonly modules: ModuleRef,
    @Inject(RUNTIME) private readonly runtime: Runtime,
  ) {}

  onApplicationBootstrap(): void {
    const driver = this.modules.get(GraphQLModule, { strict: false }).graphQlAdapter as unknown as { _subscriptionService?: { wss?: WebSocketServer } };
    const server = driver._subscriptionService?.wss;
    if (!server) throw new Error('No graphql-ws server found on the GraphQL driver to check socket messages');
    server.options.maxPayload = BODY_LIMIT_BYTES;
    const serve = server.listeners('connection') as ((socket: WebSocket, ...rest: unknown[]) => void)[];
    server.removeAllListeners('connection');
    server.on('connection', (socket: WebSocket, ...rest: unknown[]) => {
      for (const listener of serve) listener.call(server, socket, ...rest);
      checkMessages(socket, this.runtime.config.RATE_LIMIT_PER_MINUTE);
      clientFaultsLogged(socket);
    });
  }
}
