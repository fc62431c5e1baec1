import { type ASTNode, type GraphQLError, parse, visit } from 'graphql';

/**
 * The input field a GraphQL-level input error (a literal or variable graphql-js rejected before any
 * resolver ran) is about, named like the REST and class-validator errors: relative to the `input`
 * object (`count`, `source.kind`), or the argument's own name (`incidentId`).
 */
export function inputErrorField(error: GraphQLError): string | undefined {
  const variable = /^Variable "\$(\w+)" got invalid value .*? at "(?:\w+)\.([^"]+)"/s.exec(error.message);
  if (variable) return variable[2];
  const wholeVariable = /^Variable "\$(\w+)"/.exec(error.message);
  if (wholeVariable) return wholeVariable[1];
  const missing = /^Field "\w+\.(\w+)" of required type/.exec(error.message);
  if (missing) return missing[1];
  return literalPath(error);
}

/** Path of the argument or object field whose literal value is the error's node. */
function literalPath(error: GraphQLError): string | undefined {
  const start = error.nodes?.[0]?.loc?.start;
  const body = error.source?.body;
  if (start === undefined || body === undefined) return undefined;
  let path: string | undefined;
  visit(parse(body, { noLocation: false }), {
    enter(node: ASTNode, _key, _parent, _path, ancestors) {
      if ((node.kind !== 'Argument' && node.kind !== 'ObjectField') || node.value.loc?.start !== start) return undefined;
      const names = [...ancestors, node].flatMap((ancestor) =>
        'kind' in ancestor && (ancestor.kind === 'Argument' || ancestor.kind === 'ObjectField') ? [ancestor.name.value] : [],
      );
      // `input: { … }` fields are named as in REST, without the argument's name.
      path = (names.length > 1 && names[0] === 'input' ? names.slice(1) : names).join('.');
      return false;
    },
  });
  return path;
}
