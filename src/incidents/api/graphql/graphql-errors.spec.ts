import { buildSchema, execute, type GraphQLError, parse } from 'graphql';
import { extensionsOf } from './graphql-errors.js';

const schema = buildSchema(`
  type Query {
    count: Int
    named: String!
    scaled(by: Int! = 1): Int
  }
`);

/** The first error of executing `query` against `root` (graphql-js's own errors, as Apollo hands them on). */
function firstError(query: string, root: object, variableValues?: Record<string, unknown>): GraphQLError {
  const result = execute({ schema, document: parse(query), rootValue: root, variableValues }) as { errors?: readonly GraphQLError[] };
  return result.errors![0];
}

describe('extensionsOf: whose fault a graphql-js execution error is', () => {
  it('answers 500 INTERNAL when a result does not fit its type: an Int past 32 bits, a null for a non-null field', () => {
    expect(extensionsOf(firstError('{ count }', { count: 2 ** 31 }))).toEqual({ code: 'INTERNAL', status: 500 });
    expect(extensionsOf(firstError('{ named }', { named: null }))).toEqual({ code: 'INTERNAL', status: 500 });
  });

  it('answers 400 when an argument is refused while executing (a null variable for a non-null argument with a default)', () => {
    const error = firstError('query($by: Int) { scaled(by: $by) }', { scaled: 1 }, { by: null });
    expect(error.message).toMatch(/^Argument "by"/);
    expect(extensionsOf(error).status).toBe(400);
  });
});
