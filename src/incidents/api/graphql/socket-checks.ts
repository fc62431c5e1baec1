import { Injectable, Logger, MethodNotAllowedException, type OnApplicationBootstrap, type OnModuleDestroy, ServiceUnavailableException } from '@nestjs/common';
import { HttpAdapterHost, ModuleRef } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { CloseCode, MessageType, stringifyMessage } from 'graphql-ws';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { RawData, WebSocket, WebSocketServer } from 'ws';
import { BODY_LIMIT_BYTES } from '../../../common/body-limit.js';
import { ClientBudget } from '../../../common/client-budget.js';
import { parseClientJson } from '../../../common/client-json.js';
import { GRAPHQL_PATH } from '../../../common/graphql-path.js';
import { hostFault } from '../../../common/host-header.js';
import { type FieldError, InvalidInput } from '../../../common/invalid-input.js';
import { afterAnswerInFlight, endWithProblem, RETRY_AFTER_SECONDS, toProblem } from '../../../common/problem-details.js';
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
 * closes one it cannot read. Every message counts in its client's budget (`ClientBudget`, with its
 * HTTP requests and its other sockets); one over it closes the socket with 4429: each `subscribe`
 * starts reads, which a burst would pile up.
 */
function checkMessages(socket: WebSocket, request: IncomingMessage, budget: ClientBudget): void {
  const handlers = socket.listeners('message') as ((data: RawData, isBinary: boolean) => void)[];
  socket.removeAllListeners('message');
  let initialised = false;
  const read = (data: RawData, isBinary: boolean) => {
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
  };
  // The budget's count resolves in the order messages arrive, so they are read in that order.
  socket.on('message', (data: RawData, isBinary: boolean) => {
    void budget.count(request).then((retryAfter) => (retryAfter === undefined ? read(data, isBinary) : socket.close(TOO_MANY, budget.refusal)));
  });
  // WebSocket ping frames, which ws answers itself, count as messages too.
  socket.on('ping', () => {
    void budget.count(request).then((retryAfter) => retryAfter !== undefined && socket.close(TOO_MANY, budget.refusal));
  });
}

type UpgradeListener = (request: IncomingMessage, socket: Duplex, head: Buffer) => void;

const TOKEN = "[-!#$%&'*+.^_`|~0-9A-Za-z]+";
const EXTENSION = `${TOKEN}(?:[ \\t]*;[ \\t]*${TOKEN}(?:[ \\t]*=[ \\t]*(?:${TOKEN}|"${TOKEN}"))?)*`;
/** RFC 6455 section 9.1: `Sec-WebSocket-Extensions`, a list of extensions, each a token with `;` parameters (a token, `=` and a token or quoted token). */
const EXTENSIONS = new RegExp(`^[ \\t]*${EXTENSION}(?:[ \\t]*,[ \\t]*${EXTENSION})*[ \\t]*$`);

/** The WebSocket versions ws speaks: 13 (RFC 6455), and 8 (its last draft). */
const VERSIONS = ['13', '8'];

/**
 * What refuses an upgrade request before graphql-ws sees it: its `Host` (`hostFault`, as for every
 * request), another path than `GRAPHQL_PATH`, a `Sec-WebSocket-Version` other than one of `VERSIONS`
 * written as it is (ws reads the header as a number: `13.0` and `0xd` passed), or a malformed
 * `Sec-WebSocket-Extensions` (ws reads that header only with compression on, which is off); each as
 * the field and message of a 400. A missing version or key, or another method, ws finds itself
 * (`refuseHandshake`).
 */
function upgradeFault(request: IncomingMessage): FieldError | undefined {
  const host = hostFault(request);
  if (host !== undefined) return { field: 'Host', message: host };
  if ((request.url ?? '').split('?')[0] !== GRAPHQL_PATH) {
    return { field: 'Upgrade', message: `only ${GRAPHQL_PATH} takes an Upgrade (GraphQL subscriptions over graphql-transport-ws); send this request without one` };
  }
  const version = request.headers['sec-websocket-version'];
  if (version !== undefined && !VERSIONS.includes(version)) {
    return { field: 'Sec-WebSocket-Version', message: `Sec-WebSocket-Version must be ${VERSIONS.join(' or ')} (RFC 6455 section 4.2.1)` };
  }
  const extensions = request.headers['sec-websocket-extensions'];
  if (extensions !== undefined && !EXTENSIONS.test(extensions)) {
    return { field: 'Sec-WebSocket-Extensions', message: 'Sec-WebSocket-Extensions must be a list of extensions, each a token with optional ";" parameters (RFC 6455 section 9.1)' };
  }
  return undefined;
}

/** Refuses a handshake with 400 naming `fault.field`; one of an unknown version with the versions spoken, as RFC 6455 section 4.4 asks. */
function refuseField(socket: Duplex, fault: FieldError): void {
  endWithProblem(socket, toProblem(new InvalidInput([fault])), fault.field === 'Sec-WebSocket-Version' ? { 'Sec-WebSocket-Version': VERSIONS.join(', ') } : {});
}

/**
 * Every upgrade request, to any path, counts in its client's budget: over it, `429` problem+json
 * with `Retry-After`. One that `upgradeFault` finds fault with is refused with 400 naming the header
 * (Nest's GraphQL service leaves upgrades to other paths unanswered with their sockets open, which a
 * flood of them ran out of file descriptors; Node hands every upgrade request to its `upgrade`
 * listeners, so none can be served as a plain request). While the app shuts down (`closing`), a sound
 * one gets `503` problem+json with `Retry-After` (ws would answer its own 503 in text/html). Only a
 * sound upgrade to `GRAPHQL_PATH` within the budget reaches graphql-ws, once the answer to a request
 * pipelined before it is written.
 */
function guardUpgrades(http: Server, budget: ClientBudget, closing: () => boolean): void {
  const upgrades = http.listeners('upgrade') as UpgradeListener[];
  http.removeAllListeners('upgrade');
  http.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    // Node leaves an upgrade's socket without an error listener: a reset would throw.
    socket.on('error', () => socket.destroy());
    void budget.count(request).then((retryAfter) => {
      const fault = upgradeFault(request);
      if (retryAfter !== undefined) endWithProblem(socket, budget.problem(), { 'Retry-After': retryAfter });
      else if (fault !== undefined) refuseField(socket, fault);
      else if (closing()) endWithProblem(socket, toProblem(new ServiceUnavailableException(SHUTTING_DOWN)), { 'Retry-After': RETRY_AFTER_SECONDS });
      // ws answers 101 at once: after the answer to a request pipelined before, as a refusal is.
      else afterAnswerInFlight(socket, () => upgrades.forEach((listener) => listener.call(http, request, socket, head)));
    });
  });
}

/**
 * ws's refusal of a malformed handshake to `GRAPHQL_PATH` (its `wsClientError`, whose message names
 * what is wrong), answered as problem+json with the headers ws would send rather than its text/html:
 * 405 for a method other than GET, else 400 naming the header (`Upgrade`, `Sec-WebSocket-Key`, …).
 */
function refuseHandshake(error: Error, socket: Duplex, request: IncomingMessage): void {
  const message = `${error.message}: a GraphQL subscription opens with a WebSocket handshake (GET, Upgrade: websocket, Sec-WebSocket-Key, Sec-WebSocket-Version: 13)`;
  if (request.method !== 'GET') return endWithProblem(socket, toProblem(new MethodNotAllowedException(message)), { Allow: 'GET' });
  refuseField(socket, { field: /Upgrade|Sec-WebSocket-[A-Za-z]+/.exec(error.message)?.[0] ?? 'Upgrade', message });
}

const SHUTTING_DOWN = 'This server is shutting down and takes no new subscription; open it again in a moment (here once restarted, or on another instance)';

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
 * Gives the WebSocket server Nest makes for graphql-ws, once the app is up, the limits of HTTP: a
 * message of at most `BODY_LIMIT_BYTES` (past it, ws closes the socket with 1009 before reading the
 * message whole; its default is 100 MiB), upgrades counted in their client's budget
 * (`guardUpgrades`, which also answers a handshake while the app shuts down: 503), malformed
 * handshakes refused as problem+json (`refuseHandshake`), and
 * `checkMessages` on every socket from its first message. Nest keeps that
 * server on its driver's subscription service (not public API: a Nest version that moves it fails
 * this at start-up, not silently).
 */
@Injectable()
export class SocketChecks implements OnApplicationBootstrap, OnModuleDestroy {
  /** Set as the app starts shutting down, before Nest's GraphQL module closes the WebSocket server (it is imported by this one's module, so destroyed after it). */
  private closing = false;

  constructor(
    private readonly modules: ModuleRef,
    private readonly budget: ClientBudget,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  onApplicationBootstrap(): void {
    const driver = this.modules.get(GraphQLModule, { strict: false }).graphQlAdapter as unknown as { _subscriptionService?: { wss?: WebSocketServer } };
    const server = driver._subscriptionService?.wss;
    if (!server) throw new Error('No graphql-ws server found on the GraphQL driver to check socket messages');
    server.options.maxPayload = BODY_LIMIT_BYTES;
    server.on('wsClientError', refuseHandshake);
    guardUpgrades(this.adapterHost.httpAdapter.getHttpServer() as Server, this.budget, () => this.closing);
    const serve = server.listeners('connection') as ((socket: WebSocket, request: IncomingMessage) => void)[];
    server.removeAllListeners('connection');
    server.on('connection', (socket: WebSocket, request: IncomingMessage) => {
      for (const listener of serve) listener.call(server, socket, request);
      checkMessages(socket, request, this.budget);
      clientFaultsLogged(socket);
    });
  }

  onModuleDestroy(): void {
    this.closing = true;
  }
}
