import type { ApolloServerPlugin } from '@apollo/server';
import {
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type FragmentDefinitionNode,
  GraphQLError,
  type GraphQLSchema,
  Kind,
  type SelectionSetNode,
  type ValidationContext,
  type ASTVisitor,
} from 'graphql';
import { type ComplexityEstimator, getComplexity } from 'graphql-query-complexity';

/** Longest chain of nested fields a query may select (`incidents.items.tally.killed.byParty.sources.name` is 7). */
export const MAX_DEPTH = 10;
/** Fields an operation may resolve, counting a paged list's fields once per item it may return. */
export const MAX_COMPLEXITY = 30_000;
/** SPEC §5: pages are 50 items unless `first` says otherwise, and never more than 500. */
export const DEFAULT_PAGE = 50;
export const MAX_PAGE = 500;

const INTROSPECTION_ROOTS = new Set(['__schema', '__type']);

/**
 * Validation rule rejecting operations nested deeper than `maxDepth`, through fragments too. It
 * runs with graphql-js's own rules, before anything is resolved. Introspection is left to
 * graphql-js's `MaxIntrospectionDepthRule`, which stops cyclic `fields { type { fields …` while
 * letting the standard introspection query (15 deep) through.
 */
export function depthLimitRule(maxDepth: number) {
  return (context: ValidationContext): ASTVisitor => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const definition of context.getDocument().definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    }
    const depthOf = (selectionSet: SelectionSetNode, visited: ReadonlySet<string>): number =>
      Math.max(
        0,
        ...selectionSet.selections.map((selection) => {
          if (selection.kind === Kind.FIELD) return 1 + (selection.selectionSet ? depthOf(selection.selectionSet, visited) : 0);
          if (selection.kind === Kind.INLINE_FRAGMENT) return depthOf(selection.selectionSet, visited);
          const fragment = fragments.get(selection.name.value);
          // An unknown or cyclic spread is reported by graphql-js's own rules.
          if (!fragment || visited.has(fragment.name.value)) return 0;
          return depthOf(fragment.selectionSet, new Set([...visited, fragment.name.value]));
        }),
      );
    return {
      // Each root field of an operation, with its subtree (fragments are measured where they are spread).
      OperationDefinition(operation) {
        for (const field of operation.selectionSet.selections) {
          if (field.kind !== Kind.FIELD || INTROSPECTION_ROOTS.has(field.name.value)) continue;
          const depth = 1 + (field.selectionSet ? depthOf(field.selectionSet, new Set()) : 0);
          if (depth <= maxDepth) continue;
          context.reportError(
            new GraphQLError(`Query too deep: "${field.name.value}" is nested ${depth} levels deep; the limit is ${maxDepth}`, {
              nodes: [field],
              extensions: { code: 'QUERY.TOO_DEEP' },
            }),
          );
        }
      },
    };
  };
}

/** Each field costs 1 plus its children; a field taking `first` costs its children once per item it may return. */
const pagedListEstimator: ComplexityEstimator = ({ field, args, childComplexity }) => {
  const paged = field.args.some((arg) => arg.name === 'first');
  const items = paged ? Math.min(typeof args.first === 'number' ? args.first : DEFAULT_PAGE, MAX_PAGE) : 1;
  return 1 + childComplexity * items;
};

interface Operation {
  readonly schema: GraphQLSchema;
  readonly document: DocumentNode;
  readonly operationName?: string | null;
  readonly variables?: Record<string, unknown> | null;
}

/** The error rejecting `operation` if its estimated cost is over `maximum`. */
function complexityError(maximum: number, { schema, document, operationName, variables }: Operation): GraphQLError | undefined {
  let complexity: number;
  try {
    complexity = getComplexity({
      schema,
      query: document,
      operationName: operationName ?? undefined,
      variables: variables ?? undefined,
      estimators: [pagedListEstimator],
    });
  } catch (error) {
    // Variables that do not fit the operation (a 400, not the server's fault): execution rejects them with graphql-js's own error.
    if (error instanceof GraphQLError) return undefined;
    throw error;
  }
  if (complexity <= maximum) return undefined;
  return new GraphQLError(`Query complexity ${complexity} is over the limit of ${maximum}; ask for fewer items (first) or fewer fields`, {
    extensions: { code: 'QUERY.TOO_COMPLEX', http: { status: 400 } },
  });
}

/** Rejects an operation whose estimated cost is over `maximum` before anything is resolved. */
export function complexityLimitPlugin(maximum: number): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema }) {
          const error = complexityError(maximum, { schema, document, operationName: request.operationName, variables: request.variables });
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
export function withComplexityLimit<Result>(maximum: number, run: (args: ExecutionArgs) => Result): (args: ExecutionArgs) => Result | ExecutionResult {
  return (args) => {
    const error = complexityError(maximum, { schema: args.schema, document: args.document, operationName: args.operationName, variables: args.variableValues });
    return error ? { errors: [error] } : run(args);
  };
}
