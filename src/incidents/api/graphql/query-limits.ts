import type { ApolloServerPlugin } from '@apollo/server';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { type DocumentNode, type ExecutionArgs, type ExecutionResult, getOperationAST, GraphQLError, type GraphQLSchema, Lexer, Source, TokenKind, type ValidationContext, type ValidationRule } from 'graphql';
import { type ComplexityEstimator, getComplexity } from 'graphql-query-complexity';
import type { Request } from 'express';
import type { IncomingMessage } from 'node:http';
import type { ClientBudget } from '../../../common/client-budget.js';
import { MAX_CANDIDATES } from '../../read-models/incident-links/duplicate-candidates.queries.js';
import { byActor } from '../../audit/as-of-tally.service.js';
import type { IncidentFilter } from '../../domain/incident-filter.js';
import type { GroupBy } from '../../domain/tally-groups.js';
import type { TallyTimeArgs } from '../inputs/tally-time.inputs.js';
import { tallyFromHistory } from './history-only.js';
import { variableErrors, variablesError } from './input-errors.js';

/**
 * Lexical tokens a document may have (graphql-js `parse(…, { maxTokens })`): room for `MAX_ALIASES`
 * fields written out in full, each with arguments and a selection of some 40 tokens; the standard
 * introspection query has under 200.
 */
export const MAX_TOKENS = 5_000;
/** Aliased fields per operation, through fragments. */
export const MAX_ALIASES = 100;
/** Directives per operation, through fragments. */
export const MAX_DIRECTIVES = 50;
/**
 * Brackets (`{`, `[`, `(`) a document may nest, in selections and values alike: graphql-js parses
 * recursively, and a few thousand levels (well within `MAX_TOKENS`) overflow its stack. Far more
 * than `MAX_DEPTH` fields and any list or object an argument takes.
 */
export const MAX_NESTING = 100;
/** Longest chain of nested fields a query may select (`incidents.items.tally.killed.byParty.sources.name` is 7). */
export const MAX_DEPTH = 10;
/**
 * Depth under `__schema`, which `MAX_DEPTH` does not count: graphql-js's standard introspection
 * query is 15 deep (its `ofType` chain), with room for clients asking a few `ofType` more;
 * graphql-js's `MaxIntrospectionDepthRule` only counts `fields`-like cycles, not `ofType`.
 */
export const MAX_INTROSPECTION_DEPTH = 20;
/** Fields an operation may resolve, counting a paged list's fields once per item it may return. */
export const MAX_COMPLEXITY = 30_000;
/** What one client's operations running at once may cost together (`ClientBudget.hold`), over HTTP and sockets alike: two of the costliest. */
export const MAX_COMPLEXITY_AT_ONCE = 2 * MAX_COMPLEXITY;
/**
 * Price of a tally as of a past moment or under another policy than the read model's
 * (`tallyFromHistory`; `tallyDiff` reads two): one indexed read of the temporal read model, whatever
 * the length of the history, so a flat price.
 */
export const AS_OF_COST = 50;
/**
 * Price of an incident's tally within a world-time window (`tally(occurredFrom:, occurredTo:)`): a
 * fold of its whole history, as long as the history is, so an operation holds fewer than 30 of them.
 */
export const HISTORY_FOLD_COST = 1_000;
/**
 * Price of `tallies` (`talliesDiff` reads two cuts): every matching incident's figure rows, as they
 * are now or valid at a past cut, summed however few groups they make.
 */
export const ALL_INCIDENTS_COST = 3_000;
/**
 * Price of `tallies` as of a past moment that groups or filters by actor (`talliesDiff` reads two
 * cuts): the perpetrators of then are not in the temporal read model, so the whole history up to the
 * cut is folded, as long as the store is.
 */
export const WHOLE_HISTORY_COST = 10_000;
/** Price of an incident's `duplicateCandidates`: the incidents it reads and scores to pick them, whatever `first` keeps. */
export const DUPLICATE_CANDIDATES_COST = MAX_CANDIDATES;
/**
 * Prices of introspection (`__schema`, `__type(name:)`): what their lists return depends on the
 * schema, not on the selection's arguments, so each is priced for the most it returns: the schema,
 * a whole introspection of some thousands of fields (an operation holds two); one type, its few
 * dozen fields and theirs two levels down (graphql-js's introspection depth), a tenth of that.
 */
export const SCHEMA_COST = 10_000;
export const TYPE_COST = 1_000;
/** docs/api.md: pages are 50 items unless `first` says otherwise, and never more than 500. */
export const DEFAULT_PAGE = 50;
export const MAX_PAGE = 500;

/**
 * `QUERY.TOO_DEEP` for a document that nests brackets deeper than `MAX_NESTING`, found by running
 * graphql-js's own lexer over it (which skips strings and comments, and keeps no stack) before
 * graphql-js parses it; `undefined` otherwise (a document that does not lex is left to the parser).
 */
export function nestingError(query: string): GraphQLError | undefined {
  const lexer = new Lexer(new Source(query));
  let depth = 0;
  try {
    for (let token = lexer.advance(); token.kind !== TokenKind.EOF; token = lexer.advance()) {
      if (OPENING.has(token.kind) && ++depth > MAX_NESTING) {
        return new GraphQLError(`The document nests brackets deeper than ${MAX_NESTING} levels`, { extensions: { code: 'QUERY.TOO_DEEP', http: { status: 400 } } });
      }
      if (CLOSING.has(token.kind)) depth--;
    }
  } catch {
    // It does not lex: the parser refuses it.
  }
  return undefined;
}

const OPENING: ReadonlySet<TokenKind> = new Set([TokenKind.BRACE_L, TokenKind.BRACKET_L, TokenKind.PAREN_L]);
const CLOSING: ReadonlySet<TokenKind> = new Set([TokenKind.BRACE_R, TokenKind.BRACKET_R, TokenKind.PAREN_R]);

/** graphql-armor rejects with "Syntax Error: …" and no code; it is reported as the limit it is, with this API's code. */
const reportAs =
  (code: string) =>
  (context: ValidationContext | null, error: GraphQLError): void =>
    context?.reportError(new GraphQLError(error.message.replace(/^Syntax Error: /, ''), { extensions: { code } }));

const armor = (code: string) => ({ exposeLimits: true, propagateOnRejection: false, onReject: [reportAs(code)] });

/**
 * The validation rules added to graphql-js's own (which include `MaxIntrospectionDepthRule`), for
 * HTTP and sockets alike. Fragments are measured where they are spread.
 */
export const queryLimitRules: readonly ValidationRule[] = [
  maxAliasesRule({ n: MAX_ALIASES, ...armor('QUERY.TOO_MANY_ALIASES') }),
  maxDirectivesRule({ n: MAX_DIRECTIVES, ...armor('QUERY.TOO_MANY_DIRECTIVES') }),
  maxDepthRule({ n: MAX_DEPTH, ignoreIntrospection: true, flattenFragments: true, ...armor('QUERY.TOO_DEEP') }),
  maxDepthRule({ n: MAX_INTROSPECTION_DEPTH, ignoreIntrospection: false, flattenFragments: true, ...armor('QUERY.TOO_DEEP') }),
] as ValidationRule[];

/** Codes of the errors the limits above raise; they are input errors (400). */
export const LIMIT_CODES: ReadonlySet<string> = new Set(['QUERY.TOO_DEEP', 'QUERY.TOO_COMPLEX', 'QUERY.TOO_MANY_ALIASES', 'QUERY.TOO_MANY_DIRECTIVES', 'QUERY.REPEATED_FIELDS', 'QUERY.TOO_MANY_OPERATIONS']);

/** What a field reads beyond the fields it returns, added to its cost: a past moment, the incidents duplicates are scored among, the schema. */
const READ_COSTS: Readonly<Record<string, (args: Record<string, unknown>) => number>> = {
  tally: (args) => (args.occurredFrom != null || args.occurredTo != null ? HISTORY_FOLD_COST : tallyFromHistory(args as TallyTimeArgs) ? AS_OF_COST : 0),
  tallies: (args) => (args.asOf != null && groupsByActor(args) ? WHOLE_HISTORY_COST : ALL_INCIDENTS_COST),
  tallyDiff: () => 2 * AS_OF_COST,
  talliesDiff: (args) => 2 * (groupsByActor(args) ? WHOLE_HISTORY_COST : ALL_INCIDENTS_COST),
  duplicateCandidates: () => DUPLICATE_CANDIDATES_COST,
  __schema: () => SCHEMA_COST,
  __type: () => TYPE_COST,
};

/** Whether `tallies`' or `talliesDiff`'s arguments group or filter by actor (`byActor`, as the reads decide). */
const groupsByActor = ({ filter, groupBy }: Record<string, unknown>): boolean => byActor((filter ?? {}) as IncidentFilter, (groupBy ?? []) as GroupBy[]);

/** A list field's extension: the most items it returns (without `first`, if it takes one), which its children are priced for (`estimator`). */
export type ListExtensions = { readonly maxItems: number };

/**
 * Each field costs 1 plus its children; a field taking `first` costs its children once per item it
 * may return (never more than its own most, so a `first` over it is refused by the page-size rule,
 * naming `first`, not priced), as does a list field that names its most items (`ListExtensions`); a
 * field reading more than it returns (`READ_COSTS`) costs its flat price on top.
 */
const estimator: ComplexityEstimator = ({ field, args, childComplexity }) => {
  const paged = field.args.some((arg) => arg.name === 'first');
  const { maxItems } = field.extensions as Partial<ListExtensions>;
  const items = paged ? Math.min(typeof args.first === 'number' ? args.first : (maxItems ?? DEFAULT_PAGE), maxItems ?? MAX_PAGE) : (maxItems ?? 1);
  return 1 + (READ_COSTS[field.name]?.(args) ?? 0) + childComplexity * items;
};

interface Operation {
  readonly schema: GraphQLSchema;
  readonly document: DocumentNode;
  readonly operationName?: string | null;
  readonly variables?: Record<string, unknown> | null;
}

/** `operation`'s estimated cost, or the error rejecting it when that is over `maximum`; 0 for one graphql-js refuses itself. */
function priced(maximum: number, operation: Operation): number | GraphQLError {
  const { schema, document, operationName, variables } = operation;
  // No operation of that name (graphql-js answers it as a 400); graphql-query-complexity would read the name of an anonymous one and fail.
  if (getOperationAST(document, operationName) === null) return 0;
  let complexity: number;
  try {
    complexity = getComplexity({
      schema,
      query: document,
      operationName: operationName ?? undefined,
      variables: variables ?? undefined,
      estimators: [estimator],
      maxQueryNodes: MAX_QUERY_NODES,
    });
  } catch (error) {
    // Too many fields to price is too complex: left to execution, the operation would run unpriced.
    if (error instanceof GraphQLError && error.message === NODES_EXCEEDED) return tooComplex(`The operation selects more than ${MAX_QUERY_NODES} fields, fragments counted where they are spread`);
    // Anything else graphql-js refuses in the operation (a 400, not the server's fault): execution rejects it with its own error.
    if (error instanceof GraphQLError) return 0;
    throw error;
  }
  if (complexity <= maximum) return complexity;
  return tooComplex(`Query complexity ${complexity} is over the limit of ${maximum}; ask for fewer items (first), fewer fields or fewer as-of tallies`);
}

/** Fields (selection nodes, fragments counted where they are spread) graphql-query-complexity prices before it gives up, with `NODES_EXCEEDED`. */
const MAX_QUERY_NODES = 10_000;
const NODES_EXCEEDED = 'Query exceeds the maximum allowed number of nodes.';

const tooComplex = (message: string) => new GraphQLError(message, { extensions: { code: 'QUERY.TOO_COMPLEX', http: { status: 400 } } });

/** The request an operation's context carries (`graphqlOptions`): the HTTP one, or the one built for a socket, with its connection. */
const requestOf = (context: unknown): Pick<IncomingMessage, 'socket'> => (context as { req: Pick<IncomingMessage, 'socket'> }).req;

/**
 * Holds an operation's `cost` for its client while it runs (`ClientBudget.hold`): the release, or
 * the 429 refusing it while the client's operations already running hold too much.
 */
function held(budget: ClientBudget, context: unknown, cost: number): (() => void) | GraphQLError {
  return (
    budget.hold(requestOf(context), cost, MAX_COMPLEXITY_AT_ONCE) ??
    new GraphQLError(`This client's operations running at once would cost more than ${MAX_COMPLEXITY_AT_ONCE}; send this one when one of them has answered`, {
      extensions: { code: 'TOO_MANY_REQUESTS', http: { status: 429 } },
    })
  );
}

/**
 * Refuses an HTTP operation, before anything is resolved, whose variables do not fit (naming each
 * field, `variableErrors`) or, once they do, whose estimated cost is over `maximum`, or whose cost
 * its client's operations running at once cannot hold (`held`, released once its answer is written): the
 * order sockets run them in (`withValidVariables(withComplexityLimit(…))`). One hook, as Apollo runs
 * plugins' hooks side by side: the cost is never priced for unfit variables, whose coercion by
 * graphql-js prints the whole value in each error's message (seconds for a value with thousands of faults).
 */
export function operationLimitsPlugin(maximum: number, budget: ClientBudget): ApolloServerPlugin {
  return {
    async requestDidStart({ contextValue }) {
      return {
        async didResolveOperation({ request, document, schema }) {
          const operation = { schema, document, operationName: request.operationName, variables: request.variables };
          const errors = variableErrors(operation);
          if (errors.length > 0) throw variablesError(errors);
          const cost = priced(maximum, operation);
          if (cost instanceof GraphQLError) throw cost;
          const release = held(budget, contextValue, cost);
          if (release instanceof GraphQLError) throw release;
          // Until the answer is written (or the client has gone): a large one takes a while to serialize and send.
          (requestOf(contextValue) as Request).res!.once('close', release);
        },
      };
    },
  };
}

/**
 * The same limits for graphql-ws, which runs socket operations without Apollo's plugins: `run`
 * (graphql-js's `execute` or `subscribe`, called after validation) answers an operation over
 * `maximum`, or one its client's operations running at once cannot hold (held until `run` has
 * answered; a subscription until it has started), with the error instead of running it.
 */
export function withComplexityLimit<Result>(
  maximum: number,
  budget: ClientBudget,
  run: (args: ExecutionArgs) => Result | Promise<Result>,
): (args: ExecutionArgs) => Promise<Result | ExecutionResult> {
  return async (args) => {
    const { schema, document, operationName, variableValues: variables } = args;
    const cost = priced(maximum, { schema, document, operationName, variables });
    if (cost instanceof GraphQLError) return { errors: [cost] };
    const release = held(budget, args.contextValue, cost);
    if (release instanceof GraphQLError) return { errors: [release] };
    try {
      return await run(args);
    } finally {
      release();
    }
  };
}
