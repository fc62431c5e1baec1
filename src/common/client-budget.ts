import { HttpException, HttpStatus, type OnModuleDestroy } from '@nestjs/common';
import type { RequestHandler } from 'express';
import { ipKeyGenerator, MemoryStore, rateLimit } from 'express-rate-limit';
import type { IncomingMessage, Server } from 'node:http';
import type { Socket } from 'node:net';
import { endWithProblem, type ProblemDetails, toProblem } from './problem-details.js';

const WINDOW_MS = 60_000;

/** Connections (HTTP keep-alive and graphql-ws sockets alike) one address may hold open at once, while there is a budget: each holds a file descriptor. */
export const MAX_CONNECTIONS_PER_CLIENT = 100;

/** Probes and scrapers are not counted. */
const UNCOUNTED = new Set(['/health', '/metrics']);

/** A client's key: its address (an IPv6 one by its /56 network, as express-rate-limit counts them). */
const keyOf = (connection: Socket): string => ipKeyGenerator(connection.remoteAddress ?? '');
const clientKey = (request: Pick<IncomingMessage, 'socket'>): string => keyOf(request.socket);

/**
 * What one client address may send a minute (RATE_LIMIT_PER_MINUTE; 0: no limit), counted together in
 * this instance's memory: HTTP requests, WebSocket upgrades and the messages on every socket it holds;
 * and how many connections it may hold open at once (`MAX_CONNECTIONS_PER_CLIENT`). A client cannot
 * multiply its budget by opening sockets, nor run the server out of file descriptors with connections.
 */
export class ClientBudget implements OnModuleDestroy {
  private readonly store = new MemoryStore();
  /** Open connections by client key. */
  private readonly connections = new Map<string, number>();
  /** What the operations each client runs at the moment cost together, by client key (`hold`). */
  private readonly held = new Map<string, number>();
  /** The HTTP side: `RateLimit` headers; beyond the budget `429` problem+json with `Retry-After`. Absent without a limit. */
  readonly requests: RequestHandler | undefined;

  constructor(readonly perMinute: number) {
    this.requests =
      this.perMinute > 0
        ? rateLimit({
            windowMs: WINDOW_MS,
            limit: this.perMinute,
            store: this.store,
            keyGenerator: clientKey,
            standardHeaders: 'draft-8',
            legacyHeaders: false,
            skip: (request) => UNCOUNTED.has(request.path),
            handler: (_request, response) => {
              response.status(HttpStatus.TOO_MANY_REQUESTS).type('application/problem+json').json(this.problem());
            },
          })
        : undefined;
  }

  /** Counts one more upgrade or socket message from `request`'s address: once it is over the budget, the seconds until its minute ends (`Retry-After`); else undefined. */
  async count(request: IncomingMessage): Promise<number | undefined> {
    if (this.requests === undefined) return undefined;
    const { totalHits, resetTime } = await this.store.increment(clientKey(request));
    return totalHits <= this.perMinute ? undefined : Math.max(1, Math.ceil(((resetTime?.getTime() ?? Date.now()) - Date.now()) / 1000));
  }

  /**
   * Counts every connection `server` accepts as held by its address until it closes; one more than
   * `MAX_CONNECTIONS_PER_CLIENT` is answered `429` problem+json at once (before its request is read)
   * and closed. Nothing is counted without a budget.
   */
  limitConnections(server: Server): void {
    if (this.requests === undefined) return;
    const refusal = toProblem(new HttpException(`More than ${MAX_CONNECTIONS_PER_CLIENT} open connections from this address; close one first`, HttpStatus.TOO_MANY_REQUESTS));
    server.on('connection', (connection: Socket) => {
      const key = keyOf(connection);
      const held = this.connections.get(key) ?? 0;
      if (held >= MAX_CONNECTIONS_PER_CLIENT) return endWithProblem(connection, refusal, { 'Retry-After': 60 });
      this.connections.set(key, held + 1);
      connection.once('close', () => {
        const left = this.connections.get(key)! - 1;
        if (left === 0) this.connections.delete(key);
        else this.connections.set(key, left);
      });
    });
  }

  /**
   * Holds `cost` (an operation's estimate) for `request`'s address until the returned release is
   * called; `undefined`, holding nothing, when the costs its operations running at once hold would pass
   * `most` (one operation alone is always held). So a client cannot hold the server with many
   * operations sent side by side, over connections or sockets, each within its own limit. Nothing is
   * held without a budget.
   */
  hold(request: Pick<IncomingMessage, 'socket'>, cost: number, most: number): (() => void) | undefined {
    if (this.requests === undefined) return () => undefined;
    const key = clientKey(request);
    const before = this.held.get(key) ?? 0;
    if (before > 0 && before + cost > most) return undefined;
    this.held.set(key, before + cost);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = this.held.get(key)! - cost;
      if (left <= 0) this.held.delete(key);
      else this.held.set(key, left);
    };
  }

  /** The problem+json body of a refusal. */
  problem(): ProblemDetails {
    return toProblem(new HttpException(`${this.refusal}; retry after Retry-After seconds`, HttpStatus.TOO_MANY_REQUESTS));
  }

  /** Why a client is refused, short enough for a WebSocket close reason (123 bytes). */
  get refusal(): string {
    return `More than ${this.perMinute} requests and socket messages a minute from this address`;
  }

  onModuleDestroy(): void {
    this.store.shutdown();
  }
}
