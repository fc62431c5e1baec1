import { applyDecorators, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import type { AuthenticatedRequest } from '../../../auth/request-of.js';
import { isPosition } from '../../../common/input-values.js';
import { InvalidInput } from '../../../common/invalid-input.js';
import { commandContext } from '../../../common/commands/command-context.js';

const header = (request: AuthenticatedRequest, name: string): string | undefined => {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

function textHeader(request: AuthenticatedRequest, name: string): string | undefined {
  const value = header(request, name.toLowerCase());
  if (value !== undefined && !/^[\x21-\x7e]{1,255}$/.test(value)) {
    throw new InvalidInput([{ field: name, message: `${name} must be 1 to 255 visible ASCII characters` }]);
  }
  return value;
}

/**
 * `If-Match: "<revision>"`, a strong entity tag (RFC 9110 §13.1.1 compares `If-Match` strongly: a
 * weak tag `W/"3"` never matches, and an unquoted `3` is no entity tag): 400 naming `If-Match` otherwise.
 */
function ifMatchRevision(request: AuthenticatedRequest): bigint | undefined {
  const value = header(request, 'if-match');
  if (value === undefined) return undefined;
  // The tag as the server writes a revision: `isPosition` refuses leading zeros (`"01"` is another tag than `"1"`).
  const match = /^"([^"]*)"$/.exec(value.trim());
  if (!match || !isPosition(match[1])) throw new InvalidInput([{ field: 'If-Match', message: 'If-Match must be the strong entity tag of a revision, e.g. "3"' }]);
  return BigInt(match[1]);
}

/** The `CommandContext` of a REST write: actor from the token, idempotency, correlation and If-Match from headers. */
export const WriteContext = createParamDecorator((_: unknown, context: ExecutionContext) => {
  const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
  return commandContext({
    actor: request.actor!.sub,
    idempotencyKey: textHeader(request, 'Idempotency-Key'),
    correlationId: textHeader(request, 'X-Correlation-Id'),
    expectedRevision: ifMatchRevision(request),
  });
});

/** The OpenAPI form of the headers `WriteContext` reads, for a write to an incident's, an actor's or a source's stream. */
export const WriteHeaders = (stream: 'incident' | 'actor' | 'source') =>
  applyDecorators(
    ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A repeat returns the first response and appends nothing (1 to 255 visible ASCII characters)' }),
    ApiHeader({ name: 'If-Match', required: false, description: `Expected ${stream} revision, e.g. "3"; a stale one gives 412` }),
    ApiHeader({ name: 'X-Correlation-Id', required: false, description: "Carried into the events' metadata (1 to 255 visible ASCII characters)" }),
  );
