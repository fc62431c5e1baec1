import type { ApolloServerPlugin } from '@apollo/server';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { type DocumentNode, type ExecutionArgs, type ExecutionResult, GraphQLError, type GraphQLSchema, Kind, type ValidationContext, type ValidationRule, visit } from 'graphql';
import { type ComplexityEstimator, getComplexity } from 'graphql-query-complexity';

/** Lexical tokens a document may have (graphql-js `parse(…, { maxTokens })`); the standard introspection query has under 200. */
export const MAX_TOKENS = 2_000;
/** Aliased fields per operation, through fragments. */
export const MAX_ALIASES = 30;
/** Directives per operation, through fragments. */
export const MAX_DIRECTIVES = 50;
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
/**
 * Most a `tally(asOf:)` costs: half the budget, so one as-of tally of any incident stays possible
 * (as on REST, which folds one history per request).
 */
export const MAX_FOLD_COST = MAX_COMPLEXITY / 2;
/** Price of `tallies(asOf:)`, which folds the whole event log: at most two per operation. */
export const ALL_HISTORY_FOLD_COST = 10_000;
/** docs/api.md: pages are 50 items unless `first` says otherwise, and never more than 500. */
export const DEFAULT_PAGE = 50;
export const MAX_PAGE = 500;

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
export const LIMIT_CODES: ReadonlySet<string> = new Set(['QUERY.TOO_DEEP', 'QUERY.TOO_COMPLEX', 'QUERY.TOO_MANY_ALIASES', 'QUERY.TOO_MANY_DIRECTIVES', 'QUERY.REPEATED_FIELDS']);

/**
 * Events in the longest history the operation could fold (`revision` + 1 from the read model): of
 * the incidents it names with `incident(id:)`, or of all incidents when it lists them.
 */
export type HistoryLengths = (incidentIds?: readonly string[]) => Promise<number>;

/** What one `tally(asOf:)` of `operation` may read, asked of `lengths` only when the operation has one. */
async function foldedEvents({ document, variables }: Operation, lengths: HistoryLengths): Promise<number> {
  let folds = false;
  let listed = false;
  const ids: string[] = [];
  visit(document, {
    Field(field) {
      const argument = (name: string) => field.arguments?.find((arg) => arg.name.value === name)?.value;
      if (field.name.value === 'tally' && argument('asOf')) folds = true;
      if (field.name.value === 'incidents') listed = true;
      const id = field.name.value === 'incident' ? argument('id') : undefined;
      const value = id?.kind === Kind.STRING ? id.value : id?.kind === Kind.VARIABLE ? variables?.[id.name.value] : undefined;
      if (typeof value === 'string') ids.push(value);
    },
  });
  if (!folds) return 0;
  return lengths(listed ? undefined : ids);
}

/**
 * Each field costs 1 plus its children; a field taking `first` costs its children once per item it
 * may return; a tally folded from the history (`asOf`) costs the events it reads on top.
 */
const estimator =
  (foldCost: number): ComplexityEstimator =>
  ({ field, args, childComplexity }) => {
    const paged = field.args.some((arg) => arg.name === 'first');
    const items = paged ? Math.min(typeof args.first === 'number' ? args.first : DEFAULT_PAGE, MAX_PAGE) : 1;
    const folds = args.asOf == null ? 0 : field.name === 'tallies' ? ALL_HISTORY_FOLD_COST : foldCost;
    return 1 + folds + childComplexity * items;
  };

interface Operation {
  readonly schema: GraphQLSchema;
  readonly document: DocumentNode;
  readonly operationName?: string | null;
  readonly variables?: Record<string, unknown> | null;
}

/** The error rejecting `operation` if its estimated cost is over `maximum`. */
async function complexityError(maximum: number, lengths: HistoryLengths, operation: Operation): Promise<GraphQLError | undefined> {
  const { schema, document, operationName, variables } = operation;
  const foldCost = Math.min(await foldedEvents(operation, lengths), MAX_FOLD_COST);
  let complexity: number;
  try {
    complexity = getComplexity({
      schema,
      query: document,
      operationName: operationName ?? undefined,
      variables: variables ?? undefined,
      estimators: [estimator(foldCost)],
    });
  } catch (error) {
    // Variables that do not fit the operation (a 400, not the server's fault): execution rejects them with graphql-js's own error.
    if (error instanceof GraphQLError) return undefined;
    throw error;
  }
  if (complexity <= maximum) return undefined;
  return new GraphQLError(`Query complexity ${complexity} is over the limit of ${maximum}; ask for fewer items (first), fewer fields or fewer as-of tallies`, {
    extensions: { code: 'QUERY.TOO_COMPLEX', http: { status: 400 } },
  });
}

/** Rejects an operation whose estimated cost is over `maximum` before anything is resolved. */
export function complexityLimitPlugin(maximum: number, lengths: HistoryLengths): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema }) {
          const error = await complexityError(maximum, lengths, { schema, document, operationName: request.operationName, variables: request.variables });
          if (error) throw error;
        },
      };
    },
  };
}

/**
 * The same limit for graphql-ws, which runs socket operations without Apollo's plugins: `run`
 * (graphql-js's `execute` or `subscribe`, called after validation) answers an operation over
 * `maximum` with the error instead of running it.
 */
export function withComplexityLimit<Result>(
  maximum: number,
  lengths: HistoryLengths,
  run: (args: ExecutionArgs) => Result | Promise<Result>,
): (args: ExecutionArgs) => Promise<Result | ExecutionResult> {
  return async (args) => {
    const { schema, document, operationName, variableValues: variables } = args;
    const error = await complexityError(maximum, lengths, { schema, document, operationName, variables });
    return error ? { errors: [error] } : await run(args);
  };
}
