import { HttpException, HttpStatus, type OnModuleDestroy } from '@nestjs/common';
import type { RequestHandler } from 'express';
import { ipKeyGenerator, MemoryStore, rateLimit } from 'express-rate-limit';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type ProblemDetails, toProblem } from './problem-details.js';

const WINDOW_MS = 60_000;

/** Upgraded connections (graphql-ws sockets) one address may hold open at once, while there is a budget: each holds a file descriptor. */
export const MAX_SOCKETS_PER_CLIENT = 100;

/** Probes and scrapers are not counted. */
const UNCOUNTED = new Set(['/health', '/metrics']);

/** A client's key: its address (an IPv6 one by its /56 network, as express-rate-limit counts them). */
const clientKey = (request: IncomingMessage): string => ipKeyGenerator(request.socket.remoteAddress ?? '');

/**
 * What one client address may send a minute (RATE_LIMIT_PER_MINUTE; 0: no limit), counted together in
 * this instance's memory: HTTP requests, WebSocket upgrades and the messages on every socket it holds;
 * and how many sockets it may hold open at once (`MAX_SOCKETS_PER_CLIENT`). A client cannot multiply
 * its budget by opening sockets, nor run the server out of file descriptors with them.
 */
export class ClientBudget implements OnModuleDestroy {
  private readonly store = new MemoryStore();
  /** Open upgraded connections by client key. */
  private readonly sockets = new Map<string, number>();
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
   * Counts `socket`, upgraded from `request`, as held by its address until it closes: false (nothing
   * counted) when the address holds `MAX_SOCKETS_PER_CLIENT` already; always true without a budget.
   */
  holdSocket(request: IncomingMessage, socket: Duplex): boolean {
    if (this.requests === undefined) return true;
    const key = clientKey(request);
    const held = this.sockets.get(key) ?? 0;
    if (held >= MAX_SOCKETS_PER_CLIENT) return false;
    this.sockets.set(key, held + 1);
    socket.once('close', () => {
      const left = this.sockets.get(key)! - 1;
      if (left === 0) this.sockets.delete(key);
      else this.sockets.set(key, left);
    });
    return true;
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
