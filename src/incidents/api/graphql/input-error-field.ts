import { type ASTNode, type DocumentNode, type GraphQLError, Kind, parse, visit } from 'graphql';
import { MAX_TOKENS } from './query-limits.js';

/**
 * The argument path (`input.count`, `input.source.kind`, `incidentId`) of a GraphQL-level input
 * error, i.e. a literal or variable graphql-js rejected before any resolver ran, named like the
 * ValidationPipe names the fields it rejects.
 *
 * Why message text: graphql-js 16 builds a variable's coercion error in `getVariableValues`, where the
 * path it got from `coerceInputValue` goes into the message only (the error's `path` is for results,
 * and unset); literals carry their AST node, which is matched structurally below. A structural
 * reading of variables would mean coercing them a second time, ahead of Apollo.
 */
export function inputErrorField(error: GraphQLError): string | undefined {
  const document = documentOf(error);
  const variable = /^Variable "\$(\w+)" got invalid value .*? at "\w+((?:\.[^."]+)+)"/s.exec(error.message) ?? /^Variable "\$(\w+)"/.exec(error.message);
  if (variable) return `${argumentOfVariable(document, variable[1]) ?? variable[1]}${variable[2] ?? ''}`;
  const missing = /^Field "\w+\.(\w+)" of required type/.exec(error.message);
  if (missing) return literalPath(document, error, 1) ?? missing[1];
  return literalPath(document, error, 0);
}

/** The erring document parsed again, within the same token limit as the first time (a syntax error's source may be any size). */
function documentOf(error: GraphQLError): DocumentNode | undefined {
  try {
    return error.source ? parse(error.source, { maxTokens: MAX_TOKENS }) : undefined;
  } catch {
    return undefined;
  }
}

/** The argument a variable is passed to (`$data` in `reportCasualties(input: $data)` is `input`). */
function argumentOfVariable(document: DocumentNode | undefined, variable: string): string | undefined {
  let argument: string | undefined;
  if (document) {
    visit(document, {
      Argument(node) {
        if (node.value.kind === Kind.VARIABLE && node.value.name.value === variable) argument ??= node.name.value;
      },
    });
  }
  return argument;
}

/**
 * Path of the argument or object field holding the error's node: its value (`rejected` 0), or,
 * for a missing field, the object the field is missing from (the path then ends with the field).
 */
function literalPath(document: DocumentNode | undefined, error: GraphQLError, missing: 0 | 1): string | undefined {
  const start = error.nodes?.[0]?.loc?.start;
  if (document === undefined || start === undefined) return undefined;
  let path: string | undefined;
  visit(document, {
    enter(node: ASTNode, _key, _parent, _path, ancestors) {
      if ((node.kind !== Kind.ARGUMENT && node.kind !== Kind.OBJECT_FIELD) || node.value.loc?.start !== start) return undefined;
      const names = [...ancestors, node].flatMap((ancestor) =>
        'kind' in ancestor && (ancestor.kind === Kind.ARGUMENT || ancestor.kind === Kind.OBJECT_FIELD) ? [ancestor.name.value] : [],
      );
      path = names.join('.');
      return false;
    },
  });
  if (path === undefined || missing === 0) return path;
  return `${path}.${/^Field "\w+\.(\w+)"/.exec(error.message)![1]}`;
}
