import type { ApolloServerPlugin } from '@apollo/server';
import { Logger } from '@nestjs/common';
import { GraphQLError, type GraphQLFormattedError, Kind } from 'graphql';
import type { FieldError } from '../../../common/invalid-input.js';
import { logProblem } from '../../../common/log-problem.js';
import { toProblem } from '../../../common/problem-details.js';
import { inputErrorFields } from './input-errors.js';
import { LIMIT_CODES } from './query-limits.js';


const logger = new Logger('GraphQL');

interface ErrorExtensions {
  readonly code: string;
  readonly status: number;
  readonly errors?: readonly FieldError[];
}

/**
 * The error and the ones it wraps, outermost first: Apollo and graphql-js wrap what a resolver threw,
 * and graphql-js wraps a thrown value it does not take for an `Error` (one from another realm, such
 * as Node's socket errors under a test runner's VM) as `NonErrorThrown` holding it in `thrownValue`.
 */
function chainOf(error: unknown): unknown[] {
  const chain = [error];
  for (let current = error; current instanceof GraphQLError && current.originalError; current = current.originalError) chain.push(current.originalError);
  const last = chain.at(-1);
  if (last instanceof Error && last.name === 'NonErrorThrown' && 'thrownValue' in last) chain.push(last.thrownValue);
  return chain;
}

const originOf = (error: unknown): unknown => chainOf(error).at(-1);

/** graphql-js's own rule against cyclic introspection (`fields { type { fields …`) is a depth limit too. */
const isIntrospectionDepthError = (error: GraphQLError) => error.message === 'Maximum introspection depth exceeded';

/**
 * graphql-js's own error while executing a field (it has the field's path), not about one of its
 * arguments: a value the server produced does not fit its type (an `Int` past 32 bits, a `null` for a
 * non-null field). That is the server's fault (500 `INTERNAL`, logged with its stack), not the client's.
 */
const isResultError = (errors: readonly GraphQLError[]): boolean => errors[0].path !== undefined && !errors.at(-1)!.message.startsWith('Argument "');

/** REST names these by header; GraphQL by the argument that carries them. */
const ARGUMENT_OF_HEADER: Readonly<Record<string, string>> = { 'If-Match': 'expectedRevision', 'Idempotency-Key': 'commandId' };

/** The arguments written on the field an execution error was raised in (none for a document error). */
function argumentsOf(error: unknown): string[] {
  const node = error instanceof GraphQLError ? error.nodes?.[0] : undefined;
  return node?.kind === Kind.FIELD ? (node.arguments ?? []).map((argument) => argument.name.value) : [];
}

/**
 * One naming rule for input fields on GraphQL: by argument path, as the validation of arguments names
 * them (`input.aliases[1]`). A field the domain or the application names by its place in the command
 * (`aliases[1]`, `title`) is under `input` when the field takes one and the name is not one of its
 * own arguments (`incidentId`); a REST header is the argument that carries it (`expectedRevision`).
 */
export function argumentPath(field: string, given: readonly string[]): string {
  const header = ARGUMENT_OF_HEADER[field];
  if (header) return header;
  const head = /^[^.[]+/.exec(field)?.[0] ?? field;
  return given.includes('input') && !given.includes(head) ? `input.${field}` : field;
}

/**
 * GraphQL errors get the same `code`, `status` and field `errors` as REST problems (`toProblem` is
 * the one mapping). Errors graphql-js raises while checking the document, or an argument while
 * executing, are input errors (400), named by field when the value of one was rejected; one it raises
 * about a result is the server's (`isResultError`).
 */
export function extensionsOf(error: unknown): ErrorExtensions {
  const chain = chainOf(error);
  const origin = chain.at(-1);
  if (!(origin instanceof GraphQLError)) {
    const { code, status, errors } = toProblem(origin);
    const given = argumentsOf(error);
    return { code, status, ...(errors ? { errors: errors.map(({ field, message }) => ({ field: argumentPath(field, given), message })) } : {}) };
  }
  const documentErrors = chain as GraphQLError[];
  const own = origin.extensions.code;
  if (typeof own === 'string' && LIMIT_CODES.has(own)) return { code: own, status: 400 };
  if (documentErrors.some(isIntrospectionDepthError)) return { code: 'QUERY.TOO_DEEP', status: 400 };
  for (const documentError of documentErrors) {
    const fields = inputErrorFields(documentError);
    if (fields.length > 0) return { code: 'INPUT.INVALID', status: 400, errors: fields.map((field) => ({ field, message: documentError.message })) };
  }
  if (isResultError(documentErrors)) return { code: 'INTERNAL', status: 500 };
  const { code: apolloCode, http } = documentErrors[0].extensions as { code?: unknown; http?: { status?: unknown } };
  // Apollo's refusal of the request itself (a GET mutation: 405) keeps the HTTP status it is sent with.
  const status = typeof http?.status === 'number' && http.status > 400 && http.status < 500 ? http.status : 400;
  return { code: typeof apolloCode === 'string' ? apolloCode : 'GRAPHQL_VALIDATION_FAILED', status };
}

export function formatGraphqlError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const extensions = extensionsOf(error);
  logProblem(logger, extensions, originOf(error));
  const message = extensions.status >= 500 ? toProblem(originOf(error)).detail : formatted.message;
  return { message, locations: formatted.locations, path: formatted.path, extensions: { ...extensions } };
}

/** `formatGraphqlError` of an error graphql-ws sends (it formats none itself). */
export const formattedError = (error: GraphQLError): GraphQLFormattedError => formatGraphqlError(error.toJSON(), error);

/**
 * No token → HTTP 401, wrong role → 403, on GraphQL as on REST (docs/api.md): when every error of a
 * response is one of these, the response carries that status (401 wins); anything else keeps
 * GraphQL's usual statuses.
 */
export const authStatusPlugin: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async willSendResponse({ errors, response }) {
        if (!errors?.length) return;
        const statuses = errors.map((error) => extensionsOf(error).status);
        if (!statuses.every((status) => status === 401 || status === 403)) return;
        response.http.status = statuses.includes(401) ? 401 : 403;
      },
    };
  },
};
