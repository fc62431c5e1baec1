import { BadRequestException, ConsoleLogger, HttpException, type LogLevel, UnsupportedMediaTypeException } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { SwaggerModule } from '@nestjs/swagger';
import { isUtf8 } from 'node:buffer';
import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { AppModule } from './app.module.js';
import { patchOf, withoutNulls } from './common/absent-nulls.js';
import { type FieldError, InvalidInput } from './common/invalid-input.js';
import { InputValidationPipe } from './common/input-validation.pipe.js';
import { prototypeKeys, tooWide } from './common/prototype-keys.js';
import { duplicateNames } from './common/duplicate-names.js';
import { parseClientJson } from './common/client-json.js';
import { GRAPHQL_PATH } from './common/graphql-path.js';
import { hostFault } from './common/host-header.js';
import { BODY_LIMIT_BYTES } from './common/body-limit.js';
import { ClientBudget } from './common/client-budget.js';
import { serveDashboard } from './dashboard/serve-dashboard.js';
import { ProblemDetailsFilter } from './common/problem-details.filter.js';
import { endWithProblem, toProblem } from './common/problem-details.js';
import type { Config } from './config/config.js';
import type { Runtime } from './config/runtime.js';
import { openApiDocument } from './openapi/openapi.document.js';

/** A request with its JSON body's text, as `readJsonBody` read it. */
type JsonBodyRequest = Request & { jsonText?: string };

/**
 * A query parameter that is not percent-encoded UTF-8 is refused, naming it. A query string's or
 * REST body's key that names object machinery (`__proto__`, `prototype`, `constructor`, …) is
 * refused as unknown (400 naming it), as any other key the input does not define. GraphQL checks its
 * own arguments against the schema. An object holding more members than any input has is refused
 * (`tooWide`), in query strings and JSON bodies, GraphQL's too. JSON (a REST or GraphQL body, a
 * GraphQL GET's `variables` and `extensions`) whose object holds a name twice is refused, naming it
 * (`duplicateNames`).
 */
function refuseKeys(request: JsonBodyRequest, _response: unknown, next: NextFunction): void {
  const errors = [...misencodedParameters(request.originalUrl), ...prototypeKeys(request.query), ...tooWide(request.query), ...tooWide(request.body), ...jsonFaults(request), ...(request.path === GRAPHQL_PATH ? [] : prototypeKeys(request.body))];
  next(errors.length > 0 ? new InvalidInput(errors) : undefined);
}

/**
 * The query parameters of `url` whose name or value is not percent-encoded UTF-8 (`%FF`, an encoded
 * surrogate `%ED%A0%80`, a lone `%`): the query parser would read them with U+FFFD in place of the bad
 * bytes, as a body is not (`readJsonBody`). Each is named as given.
 */
function misencodedParameters(url: string): FieldError[] {
  const query = url.includes('?') ? url.slice(url.indexOf('?') + 1) : '';
  return query
    .split('&')
    .filter((parameter) => {
      try {
        decodeURIComponent(parameter.replace(/\+/g, ' '));
        return false;
      } catch {
        return true;
      }
    })
    .map((parameter) => {
      const field = parameter.split('=')[0];
      return { field, message: `${field} is not percent-encoded UTF-8` };
    });
}

/**
 * The names an object of the request's JSON body holds twice; of a GraphQL GET's JSON parameters (not
 * parsed yet: Apollo refuses one that is not JSON), those and its objects wider than any input
 * (`parseClientJson`), as `tooWide` finds a body's.
 */
function jsonFaults(request: JsonBodyRequest): FieldError[] {
  if (request.jsonText !== undefined) return duplicateNames(request.jsonText);
  if (request.path !== GRAPHQL_PATH) return [];
  return GRAPHQL_JSON_PARAMETERS.flatMap((name) => {
    const text: unknown = request.query[name];
    return (typeof text === 'string' && parseClientJson(text, name)?.faults) || [];
  });
}

const GRAPHQL_JSON_PARAMETERS = ['variables', 'extensions'];

/**
 * A REST body's `null` members are absent (`withoutNulls`), so `{"tags": null}` stores no null no
 * read model can hold; at the top of a PATCH body (a JSON merge patch) they clear the field
 * (`patchOf`). GraphQL bodies keep theirs: GraphQL tells null from absent itself, and its resolvers
 * apply the same rule.
 */
function absentNulls(request: Request, _response: unknown, next: NextFunction): void {
  const body: unknown = request.body;
  if (request.path !== GRAPHQL_PATH && body !== undefined) request.body = request.method === 'PATCH' ? patchOf(body as object) : withoutNulls(body);
  next();
}

/**
 * A JSON body that is not an object (`null`, `5`, `"text"`, `[]`) is refused (400) with that said:
 * every REST command and every GraphQL operation is one. body-parser's strict mode would call `null`
 * "not valid JSON", and Apollo answers a falsy body with a 500.
 */
function refuseNonObjectBodies(request: Request, _response: unknown, next: NextFunction): void {
  const body: unknown = request.body;
  const object = body === undefined || (typeof body === 'object' && body !== null && !Array.isArray(body));
  next(object ? undefined : new BadRequestException('The request body must be a JSON object'));
}

/**
 * body-parser's `verify` of a JSON body, before it is parsed: JSON is exchanged in UTF-8 (RFC 8259,
 * section 8.1), so a body declared in another charset (`utf-16le`, which body-parser would decode) is
 * refused (415), and a body that is not valid UTF-8 is refused (400) rather than decoded with U+FFFD
 * in place of its bad bytes; its text is kept for `refuseKeys`, which finds the names an object holds
 * twice (parsing keeps one of them).
 */
function readJsonBody(request: JsonBodyRequest, _response: unknown, body: Buffer, charset: string): void {
  if (!/^utf-?8$/i.test(charset)) throw Object.assign(new Error(`A JSON body must be UTF-8, not ${charset}`), { status: 415, type: 'charset.unsupported' });
  if (!isUtf8(body)) throw Object.assign(new Error('The request body is not valid UTF-8'), { status: 400, type: 'encoding.unsupported' });
  request.jsonText = body.toString('utf8');
}

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * A write whose body is not JSON is refused (415, before the body is read) instead of reaching the
 * route as an empty object. A write without a body (`Content-Length: 0` or none) needs no Content-Type.
 */
function refuseNonJsonBodies(request: Request, _response: unknown, next: NextFunction): void {
  const hasBody = Number(request.headers['content-length'] ?? 0) > 0 || request.headers['transfer-encoding'] !== undefined;
  const json = request.is('application/json') === 'application/json';
  next(WRITES.has(request.method) && hasBody && !json ? new UnsupportedMediaTypeException(`A ${request.method} body must be application/json`) : undefined);
}

const LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

/** LOG_LEVEL (pino-style names) to the Nest levels it enables: `info` shows fatal..log, `silent` nothing. */
function logLevels(level: Config['LOG_LEVEL']): LogLevel[] {
  const index = { silent: -1, fatal: 0, error: 1, warn: 2, info: 3, debug: 4, trace: 5 }[level];
  return LEVELS.slice(0, index + 1);
}

/** The app's log: one JSON object per line, at LOG_LEVEL. Every line goes through it, the start-up's too (`main.ts`). */
export const appLogger = (level: Config['LOG_LEVEL']): ConsoleLogger => new ConsoleLogger({ json: true, logLevels: logLevels(level) });

/** Node's `clientError` codes that are not a malformed request, with the status and detail they get (RFC 9110 §15.5.9, RFC 6585 §5). */
const CLIENT_ERRORS: Readonly<Record<string, readonly [number, string]>> = {
  HPE_HEADER_OVERFLOW: [431, 'Request Header Fields Too Large: the request line and headers are over the size Node takes'],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'Request Timeout: the request did not arrive whole within the server\'s time for it (headersTimeout, requestTimeout)'],
};

/**
 * Requests Node's HTTP server refuses before they are parsed (malformed, headers and URL beyond its
 * size limit, not sent in time) never reach Nest's filter: they are answered as problem+json too
 * (after the answer to a request pipelined before them, `endWithProblem`), then the connection is closed.
 */
function refuseUnparsable(server: Server): void {
  server.on('clientError', (error: Error & { code?: string }, socket: Duplex) => {
    const [status, detail] = CLIENT_ERRORS[error.code ?? ''] ?? [400, 'Bad Request: the request could not be parsed'];
    endWithProblem(socket, toProblem(new HttpException(detail, status)));
  });
}

/**
 * RFC 9112 §3.2: a request without `Host` (HTTP/1.1), with two, or with one that names no host is
 * refused with 400 and its connection closed (`hostFault`; upgrade requests: `guardUpgrades`).
 * Node's own refusal of the first has no body and it lets the others through, so the app takes the
 * rule over (`requireHostHeader` off) and answers problem+json naming `Host`.
 */
function refuseBadHost(request: Request, response: Response, next: NextFunction): void {
  const fault = hostFault(request);
  if (fault === undefined) return next();
  response.setHeader('Connection', 'close');
  next(new InvalidInput([{ field: 'Host', message: fault }]));
}

/** Builds the HTTP application (not yet listening): used by `main.ts` and the e2e tests alike. */
export async function createApp(runtime: Runtime): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(runtime), {
    bodyParser: false,
    logger: appLogger(runtime.config.LOG_LEVEL),
  });
  const http = app.getHttpServer() as Server & { requireHostHeader: boolean };
  refuseUnparsable(http);
  http.requireHostHeader = false;
  const budget = app.get(ClientBudget);
  budget.limitConnections(app.getHttpServer());
  if (budget.requests) app.use(budget.requests);
  // body-parser's `verify`, which Nest's option type does not list but passes on.
  const json = { limit: BODY_LIMIT_BYTES, strict: false, verify: readJsonBody };
  app.use(refuseBadHost);
  app.use(refuseNonJsonBodies);
  app.useBodyParser('json', json);
  app.use(refuseNonObjectBodies);
  app.use(refuseKeys);
  app.use(absentNulls);
  serveDashboard(app);
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.useGlobalPipes(new InputValidationPipe());
  // Built on the first request, when the app (and so its GraphQL schema) is initialised.
  SwaggerModule.setup('docs', app, () => openApiDocument(app), { jsonDocumentUrl: 'docs-json' });
  return app;
}
