import { HttpException, HttpStatus } from '@nestjs/common';
import { type ServerResponse, STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { ActorError } from '../actors/domain/actor-error.js';
import { DomainError } from '../incidents/domain/domain-error.js';
import { EventStoreUnavailable, WrongExpectedVersion } from '../event-store/event-store.errors.js';
import { ProjectionBehind } from '../projections/projection-positions.js';
import { ReadModelQuarantined } from '../projections/quarantine.js';
import { isTransient } from '../projections/transient-failures.js';
import { ConcurrencyConflict, IdempotencyKeyReused, TurnNotTaken } from './commands/application-errors.js';
import { isDatabaseUnavailable } from '../database/connection-errors.js';
import { type FieldError, InvalidInput } from './invalid-input.js';

/**
 * Seconds a client should wait before retrying a 503 (`Retry-After`): the store or a read model is
 * expected back soon (the embedded database restarts within about this long).
 */
export const RETRY_AFTER_SECONDS = 2;

/** RFC 9457 problem details, plus a stable `code` and the failing `errors` by field. */
export interface ProblemDetails {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly code: string;
  readonly errors?: readonly FieldError[];
}

const DOMAIN_STATUS = { invalid: HttpStatus.BAD_REQUEST, not_found: HttpStatus.NOT_FOUND, rule: HttpStatus.UNPROCESSABLE_ENTITY, conflict: HttpStatus.CONFLICT } as const;

const problem = (status: number, code: string, detail: string, errors?: readonly FieldError[]): ProblemDetails => ({
  type: `urn:incident-ledger:problem:${code.toLowerCase()}`,
  title: code,
  status,
  detail,
  code,
  ...(errors?.length ? { errors } : {}),
});

/** The one mapping from errors to problems, shared by the REST filter and the GraphQL error formatter. */
export function toProblem(error: unknown): ProblemDetails {
  if (error instanceof InvalidInput) return problem(400, error.code, error.message, error.errors);
  if (error instanceof DomainError || error instanceof ActorError) {
    return problem(DOMAIN_STATUS[error.kind], error.code, error.message, error.field ? [{ field: error.field, message: error.message }] : undefined);
  }
  if (error instanceof WrongExpectedVersion) return problem(412, 'REVISION.STALE', error.message, [{ field: 'If-Match', message: error.message }]);
  if (error instanceof IdempotencyKeyReused) return problem(422, 'IDEMPOTENCY_KEY.REUSED', error.message, [{ field: 'Idempotency-Key', message: error.message }]);
  if (error instanceof ConcurrencyConflict) return problem(409, 'REVISION.CONFLICT', error.message);
  if (error instanceof TurnNotTaken) return problem(503, 'COMMAND.BUSY', error.message);
  if (error instanceof EventStoreUnavailable) return problem(503, 'STORE.UNAVAILABLE', error.message);
  // Before the database's classifier, which looks through causes: a body the client stopped sending is
  // an HttpException whose cause carries ECONNABORTED, the client's socket, not the database's.
  if (error instanceof HttpException) {
    const status = error.getStatus();
    // Nest's enum lacks some statuses (431): then the code is Node's reason phrase in the same style.
    return problem(status, HttpStatus[status] ?? STATUS_CODES[status]?.toUpperCase().replace(/\W+/g, '_') ?? 'HTTP_ERROR', error.message);
  }
  // A read-model query (or any other statement) while PostgreSQL is down: the same 503 as a write.
  if (isDatabaseUnavailable(error)) return problem(503, 'STORE.UNAVAILABLE', 'The database is unavailable; retry later');
  if (error instanceof ReadModelQuarantined) return problem(503, 'READ_MODEL.QUARANTINED', error.message);
  if (error instanceof ProjectionBehind) return problem(503, 'READ_MODEL.BEHIND', error.message, [{ field: 'consistentWith', message: error.message }]);
  // A statement that lost to another transaction (a deadlock with a rebuild's reset, a serialization failure): it passes when tried again.
  if (isTransient(error)) return problem(503, 'STORE.BUSY', 'The database could not complete this now; retry');
  return problem(500, 'INTERNAL', 'Internal server error');
}

/**
 * Runs `write` on a connection Node's HTTP server no longer serves (a request it could not parse, an
 * upgrade request) once the answer to a request pipelined before it there is written whole, at once
 * if there is none: what `write` sends never cuts into that answer nor replaces it.
 */
export function afterAnswerInFlight(socket: Duplex & { _httpMessage?: ServerResponse }, write: () => void): void {
  // Node's own `clientError` handler finds the answer in flight the same way: `_httpMessage`, its socket's current response.
  const answering = socket._httpMessage;
  if (answering && !answering.writableFinished) answering.once('finish', write);
  else write();
}

/**
 * Answers `problem` as problem+json straight on `socket`, a connection Node's HTTP server no longer
 * serves (a request it could not parse, an upgrade request), with `headers` beside its own, then
 * closes it; after the answer to a request pipelined before it (`afterAnswerInFlight`).
 */
export function endWithProblem(socket: Duplex, problem: ProblemDetails, headers: Readonly<Record<string, string | number>> = {}): void {
  afterAnswerInFlight(socket, () => endNow(socket, problem, headers));
}

function endNow(socket: Duplex, problem: ProblemDetails, headers: Readonly<Record<string, string | number>>): void {
  if (!socket.writable) return void socket.destroy();
  const body = JSON.stringify(problem);
  const fields = Object.entries({ 'Content-Type': 'application/problem+json', 'Content-Length': Buffer.byteLength(body), Connection: 'close', ...headers });
  socket.once('finish', () => socket.destroy());
  socket.end(`HTTP/1.1 ${problem.status} ${STATUS_CODES[problem.status]}\r\n${fields.map(([name, value]) => `${name}: ${value}`).join('\r\n')}\r\n\r\n${body}`);
}
