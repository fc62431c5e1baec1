import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { AuthenticatedRequest } from '../../../auth/request-of.js';
import { isPosition } from '../../../common/input-values.js';
import { InvalidInput } from '../../../common/invalid-input.js';
import { commandContext } from '../../application/command-context.js';

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

/** `If-Match: "<revision>"` (quotes and a weak `W/` prefix tolerated). */
function ifMatchRevision(request: AuthenticatedRequest): bigint | undefined {
  const value = header(request, 'if-match');
  if (value === undefined) return undefined;
  const match = /^(?:W\/)?"?(\d+)"?$/.exec(value.trim());
  if (!match || !isPosition(match[1])) throw new InvalidInput([{ field: 'If-Match', message: 'If-Match must be a revision, e.g. "3"' }]);
  return BigInt(match[1]);
}

/** The `CommandContext` of a REST write: actor from the token, idempotency, correlation and If-Match from headers. */
export const WriteContext = createParamDecorator((_: unknown, context: ExecutionContext) => {
  const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
  return commandContext({
    actor: request.actor!.sub,
    // Paths hold only lower-case routes and UUIDs, which are case-insensitive: one request, one fingerprint.
    operation: `${request.method} ${request.path.toLowerCase()}`,
    body: request.body,
    idempotencyKey: textHeader(request, 'Idempotency-Key'),
    correlationId: textHeader(request, 'X-Correlation-Id'),
    expectedRevision: ifMatchRevision(request),
  });
});
