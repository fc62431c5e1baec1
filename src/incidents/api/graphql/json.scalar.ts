import { GraphQLScalarType, valueFromASTUntyped } from 'graphql';

/** Any JSON value: event data and metadata, which differ by event type and schema version. */
export const JsonScalar = new GraphQLScalarType({
  name: 'JSON',
  description: 'A JSON value (object, array, string, number, boolean or null)',
  serialize: (value) => value,
  parseValue: (value) => value,
  parseLiteral: (ast, variables) => valueFromASTUntyped(ast, variables),
});
