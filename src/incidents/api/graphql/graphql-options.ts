import type { ApolloServerPlugin } from '@apollo/server';
import type { ApolloDriverConfig } from '@nestjs/apollo';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloDriver } from '@nestjs/apollo';
import type { Request } from 'express';
import type { GraphQLWsSubscriptionsConfig } from '@nestjs/graphql';
import { execute, GraphQLError, parse, specifiedRules, subscribe, validate } from 'graphql';
import { CloseCode, MessageType, type ServerOptions, stringifyMessage } from 'graphql-ws';
import type { RawData } from 'ws';
import type { TokenService } from '../../../auth/token.service.js';
import { authStatusPlugin, formatGraphqlError } from './graphql-errors.js';
import { inputFieldsRule, variablesError, variablesPlugin, withValidVariables } from './input-errors.js';
import { httpRequest, type SocketContext, socketRequest, subscriptionHandshake } from './graphql-auth.js';
import { refuseRepeatedFields, repeatedFieldsError } from './repeated-fields.js';
import { complexityLimitPlugin, MAX_COMPLEXITY, MAX_TOKENS, nestingError, queryLimitRules, withComplexityLimit } from './query-limits.js';
import { GRAPHQL_PATH } from '../../../common/graphql-path.js';
import { duplicateNamesIfJson } from '../../../common/duplicate-names.js';
import { BODY_LIMIT_BYTES } from '../../../common/body-limit.js';

/** WebSocket's close code for a message too big to process (RFC 6455, section 7.4.1). */
const MESSAGE_TOO_BIG = 1009;


const formatted = (error: GraphQLError) => formatGraphqlError(error.toJSON(), error);

/**
 * A document nesting too deep is refused before it is parsed (`nestingError`), one over `MAX_TOKENS`
 * while it is parsed (graphql-ws parses without options), and one repeating a field too often before
 * it is validated: the errors are sent back for that operation, and graphql-ws's own parse then only
 * ever reads a document already known to be small and shallow.
 */
function tokenLimit(_context: unknown, _id: string, payload: { query: string }): readonly GraphQLError[] | undefined {
  const nested = nestingError(payload.query);
  if (nested) return [nested];
  try {
    const error = repeatedFieldsError(parse(payload.query, { maxTokens: MAX_TOKENS }));
    return error && [error];
  } catch (error) {
    // Apollo's code for the same error over HTTP.
    if (error instanceof GraphQLError) return [new GraphQLError(error.message, { source: error.source, positions: error.positions, extensions: { code: 'GRAPHQL_PARSE_FAILED' } })];
    throw error;
  }
}

/**
 * graphql-ws reads a socket's messages itself, so they are checked here first, as HTTP bodies are: a
 * message over `BODY_LIMIT_BYTES` closes the socket with 1009 (message too big); graphql-ws keeps the
 * last copy of a name given twice, so a `subscribe` message holding one (`duplicateNames`) is
 * answered with an `error` naming it (`INPUT.INVALID`), its operation not run, and any other such
 * message closes the socket with 4400, as graphql-ws closes one it cannot read. Set up in the
 * handshake: every message after `connection_init`.
 */
function checkMessages({ extra: { socket } }: SocketContext): void {
  const handlers = socket.listeners('message') as ((data: RawData, isBinary: boolean) => void)[];
  socket.removeAllListeners('message');
  socket.on('message', (data: RawData, isBinary: boolean) => {
    const text = String(data);
    if (Buffer.byteLength(text) > BODY_LIMIT_BYTES) return socket.close(MESSAGE_TOO_BIG, `A message may hold at most ${BODY_LIMIT_BYTES} bytes`);
    const errors = duplicateNamesIfJson(text);
    if (errors.length === 0) {
      for (const handler of handlers) handler.call(socket, data, isBinary);
      return;
    }
    const { id, type } = JSON.parse(text) as { id?: unknown; type?: unknown };
    if (type === MessageType.Subscribe && typeof id === 'string') socket.send(stringifyMessage({ id, type: MessageType.Error, payload: [formatted(variablesError(errors))] }));
    else socket.close(CloseCode.BadRequest, 'Invalid message received');
  });
}

/** An HTTP operation's request, authenticated first, then its document checked for nesting and repeated fields (GET or POST), before Apollo parses it. */
function checkedHttpRequest(tokens: TokenService, req: Request) {
  const request = httpRequest(tokens, req);
  const query: unknown = (req.body as { query?: unknown } | undefined)?.query ?? req.query?.query;
  const nested = typeof query === 'string' ? nestingError(query) : undefined;
  if (nested) throw nested;
  refuseRepeatedFields(query);
  return request;
}

/**
 * Subscriptions are served over graphql-ws on the same path: one sent over HTTP is refused (400
 * `QUERY.SUBSCRIPTION_OVER_HTTP`) before it runs, as graphql-js would run it as a query of fields
 * that resolve only on a socket.
 */
const socketSubscriptionsPlugin: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async didResolveOperation({ operation }) {
        if (operation?.operation !== 'subscription') return;
        throw new GraphQLError(`Subscriptions are served over WebSocket (the graphql-ws protocol) on ${GRAPHQL_PATH}, not over HTTP`, {
          extensions: { code: 'QUERY.SUBSCRIPTION_OVER_HTTP', http: { status: 400 } },
        });
      },
    };
  },
};

/**
 * graphql-ws serves socket operations without Apollo, so the handshake, the token limit, the
 * validation rules, the complexity limit and the error shapes are set here again. (Nest's type
 * names fewer graphql-ws options than it passes on.)
 */
function socketOptions(tokens: TokenService): GraphQLWsSubscriptionsConfig {
  const handshake = subscriptionHandshake(tokens);
  const options: Partial<ServerOptions> & { path: string } = {
    path: GRAPHQL_PATH,
    onConnect: (context) => {
      checkMessages(context as SocketContext);
      return handshake(context);
    },
    onSubscribe: tokenLimit,
    validate: (schema, document) => validate(schema, document, [...specifiedRules, ...queryLimitRules, inputFieldsRule]),
    execute: withValidVariables(withComplexityLimit(MAX_COMPLEXITY, execute)),
    subscribe: withValidVariables(withComplexityLimit(MAX_COMPLEXITY, subscribe)),
    onError: (_context, _id, _payload, errors) => errors.map(formatted),
    onNext: (_context, _id, _payload, _args, result) => (result.errors ? { ...result, errors: result.errors.map(formatted) } : result),
  };
  return options as GraphQLWsSubscriptionsConfig;
}

/**
 * Apollo on `/graphql`, the schema generated from the code in memory (`autoSchemaFile: true`: the
 * classes are the one source; introspection serves it), `graphql-ws` subscriptions on the same path.
 */
export function graphqlOptions(tokens: TokenService): ApolloDriverConfig {
  return {
    driver: ApolloDriver,
    path: GRAPHQL_PATH,
    autoSchemaFile: true,
    sortSchema: true,
    // Every operation needs a token before it is parsed (`httpRequest`), introspection included.
    introspection: true,
    parseOptions: { maxTokens: MAX_TOKENS },
    graphiql: false,
    // One shape for all errors (`formatGraphqlError`), not Nest's translation of HTTP exceptions.
    autoTransformHttpErrors: false,
    preserveHttpStatusForExecutionErrors: false,
    includeStacktraceInErrorResponses: false,
    formatError: formatGraphqlError,
    validationRules: [...queryLimitRules, inputFieldsRule],
    // No HTTP cache hints are served, so Apollo's per-field cache-control bookkeeping is switched off.
    plugins: [socketSubscriptionsPlugin, variablesPlugin, complexityLimitPlugin(MAX_COMPLEXITY), authStatusPlugin, ApolloServerPluginCacheControlDisabled()],
    // HTTP operations carry the express request, authenticated here; socket operations get one built from the handshake.
    context: (context: { req?: Request } | SocketContext) => ({
      req: 'req' in context && context.req ? checkedHttpRequest(tokens, context.req) : socketRequest(context as SocketContext),
    }),
    subscriptions: { 'graphql-ws': socketOptions(tokens) },
  };
}
