import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiResponse, ApiSchema, getSchemaPath } from '@nestjs/swagger';
import type { FieldError } from '../common/invalid-input.js';
import type { ProblemDetails } from '../common/problem-details.js';
import type { ReadShape } from './graphql-shapes.js';

@ApiSchema({ name: 'FieldError' })
class FieldErrorDto implements FieldError {
  @ApiProperty({ description: 'Dotted path of the failing input field, or the header name', example: 'source.kind' })
  field!: string;

  @ApiProperty({ example: 'kind must be one of the following values: government, media, ngo, social_media, witness, other' })
  message!: string;
}

/** The documented form of `ProblemDetails` (RFC 9457), which `toProblem` builds for every error. */
@ApiSchema({ name: 'Problem' })
class ProblemDto implements ProblemDetails {
  @ApiProperty({ example: 'urn:incident-ledger:problem:input.invalid' })
  type!: string;

  @ApiProperty({ example: 'INPUT.INVALID' })
  title!: string;

  @ApiProperty({ type: 'integer', example: 400 })
  status!: number;

  @ApiProperty()
  detail!: string;

  @ApiProperty({ description: 'Stable error code, e.g. INPUT.INVALID, INCIDENT.CLOSED, REVISION.STALE, STORE.UNAVAILABLE', example: 'INPUT.INVALID' })
  code!: string;

  @ApiPropertyOptional({ type: () => [FieldErrorDto] })
  errors?: FieldErrorDto[];

  @ApiPropertyOptional({ description: 'The request URL the problem occurred on', example: '/incidents/0b0f6a1e-5d8c-4c1e-9a7e-2f1d3c4b5a69/casualties' })
  instance?: string;
}

/** When each status answers (docs/api.md "Errors"); every one is `application/problem+json`. */
const PROBLEMS = {
  400: 'Invalid input (INPUT.INVALID, CURSOR.INVALID…): `errors[].field` names each failing field, header or query parameter',
  401: 'No bearer token, or an invalid or expired one',
  403: "The token's roles do not allow this route",
  404: 'Unknown incident or record',
  409: 'A concurrent write to the incident won (REVISION.CONFLICT); nothing was appended',
  412: 'The `If-Match` revision is stale (REVISION.STALE); nothing was appended',
  415: 'The body of a write is not `application/json` (UNSUPPORTED_MEDIA_TYPE); nothing was appended',
  422: 'A domain rule refused the command (e.g. INCIDENT.CLOSED), or the `Idempotency-Key` was used with another request (IDEMPOTENCY_KEY.REUSED)',
  429: 'Too many requests from this address; retry after `Retry-After` seconds',
  503: 'The store is unavailable (STORE.UNAVAILABLE) or lost a statement to another transaction (STORE.BUSY), the read models did not reach `consistentWith` or the cut in time (READ_MODEL.BEHIND), or the incident is quarantined by its projection (READ_MODEL.QUARANTINED); `Retry-After` says when to try again',
} as const;
export type ProblemStatus = keyof typeof PROBLEMS;

/** The OpenAPI response object of a problem+json answer with `status`. */
export const problemResponse = (status: ProblemStatus) => ({ description: PROBLEMS[status], content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDto) } } } });

/** Documents the problem+json answers a route can give. */
export const ApiProblems = (...statuses: ProblemStatus[]) =>
  applyDecorators(
    ApiExtraModels(ProblemDto),
    ...statuses.map((status) => ApiResponse({ status, ...problemResponse(status) })),
  );

/** A read's 200 answer: one of the GraphQL shapes REST shares (see `READ_SHAPES`). */
export const ApiReadResponse = (shape: ReadShape, description: string) => ApiOkResponse({ description, schema: { $ref: getSchemaPath(shape) } });
