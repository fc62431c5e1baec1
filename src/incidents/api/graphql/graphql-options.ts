import type { ApolloServerPlugin } from '@apollo/server';
import type { ApolloDriverConfig } from '@nestjs/apollo';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloDriver } from '@nestjs/apollo';
import type { Request } from 'express';
import type { GraphQLWsSubscriptionsConfig } from '@nestjs/graphql';
import { execute, GraphQLError, parse, specifiedRules, subscribe, validate } from 'graphql';
import type { ServerOptions } from 'graphql-ws';
import type { TokenService } from '../../../auth/token.service.js';
import type { ClientBudget } from '../../../common/client-budget.js';
import { authStatusPlugin, formatGraphqlError, formattedError } from './graphql-errors.js';
import { inputFieldsRule, withValidVariables } from './input-errors.js';
import { httpRequest, type SocketContext, socketRequest, subscriptionHandshake } from './graphql-auth.js';
import { refuseRepeatedFields, repeatedFieldsError } from './repeated-fields.js';
import { MAX_COMPLEXITY, operationLimitsPlugin, MAX_TOKENS, nestingError, queryLimitRules, withComplexityLimit } from './query-limits.js';
import { GRAPHQL_PATH } from '../../../common/graphql-path.js';
import { MAX_FIELD_ERRORS } from '../../../common/invalid-input.js';

/** A document's validation stops at `MAX_FIELD_ERRORS` errors (graphql-js then adds one saying so): its answer stays small, as an input's refusal. */
const VALIDATION_OPTIONS = { maxErrors: MAX_FIELD_ERRORS };

/** The most operations one socket runs at once: each live subscription holds a listener and reads on every change. */
export const MAX_SOCKET_OPERATIONS = 100;

/**
 * A socket's operation beyond `MAX_SOCKET_OPERATIONS` live ones is refused
 * (`QUERY.TOO_MANY_OPERATIONS`); a document nesting too deep is refused before it is parsed
 * (`nestingError`), one over `MAX_TOKENS` while it is parsed (graphql-ws parses without options), and
 * one repeating a field too often before it is validated: the errors are sent back for that
 * operation, and graphql-ws's own parse then only ever reads a document already known to be small and
 * shallow.
 */
function socketLimits({ subscriptions }: SocketContext, _id: string, payload: { query: string }): readonly GraphQLError[] | undefined {
  // This operation's id is among them already.
  if (Object.keys(subscriptions).length > MAX_SOCKET_OPERATIONS) {
    return [new GraphQLError(`A socket runs at most ${MAX_SOCKET_OPERATIONS} operations at once; complete one first, or open another socket`, { extensions: { code: 'QUERY.TOO_MANY_OPERATIONS', http: { status: 400 } } })];
  }
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
function socketOptions(tokens: TokenService, budget: ClientBudget): GraphQLWsSubscriptionsConfig {
  const options: Partial<ServerOptions> & { path: string } = {
    path: GRAPHQL_PATH,
    onConnect: subscriptionHandshake(tokens),
    onSubscribe: (context, id, payload) => socketLimits(context as SocketContext, id, payload),
    validate: (schema, document) => validate(schema, document, [...specifiedRules, ...queryLimitRules, inputFieldsRule], VALIDATION_OPTIONS),
    execute: withValidVariables(withComplexityLimit(MAX_COMPLEXITY, budget, execute)),
    subscribe: withValidVariables(withComplexityLimit(MAX_COMPLEXITY, budget, subscribe)),
    onError: (_context, _id, _payload, errors) => errors.map(formattedError),
    onNext: (_context, _id, _payload, _args, result) => (result.errors ? { ...result, errors: result.errors.map(formattedError) } : result),
  };
  return options as GraphQLWsSubscriptionsConfig;
}

/**
 * Apollo on `/graphql`, the schema generated from the code in memory (`autoSchemaFile: true`: the
 * classes are the one source; introspection serves it), `graphql-ws` subscriptions on the same path.
 */
export function graphqlOptions(tokens: TokenService, budget: ClientBudget): ApolloDriverConfig {
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
    validationOptions: VALIDATION_OPTIONS,
    // No HTTP cache hints are served, so Apollo's per-field cache-control bookkeeping is switched off.
    plugins: [socketSubscriptionsPlugin, operationLimitsPlugin(MAX_COMPLEXITY, budget), authStatusPlugin, ApolloServerPluginCacheControlDisabled()],
    // HTTP operations carry the express request, authenticated here; socket operations get one built from the handshake.
    context: (context: { req?: Request } | SocketContext) => ({
      req: 'req' in context && context.req ? checkedHttpRequest(tokens, context.req) : socketRequest(context as SocketContext),
    }),
    subscriptions: { 'graphql-ws': socketOptions(tokens, budget) },
  };
}
