import { buildSchema, parse, specifiedRules, validate } from 'graphql';
import { inputErrorFields, inputFieldsRule, variableErrors } from './input-errors.js';

const schema = buildSchema(`
  enum Party { CIVILIAN POLICE }
  input Source { name: String!, kind: String! }
  input Casualties { party: Party!, count: Int!, source: Source!, tags: [String!] }
  type Query { ok: Boolean }
  type Mutation { report(incidentId: ID!, input: Casualties!): Boolean, note(text: String): Boolean, shout(times: Int): Boolean }
`);

/** The fields each validation error of `query` names. */
const literalFields = (query: string) => validate(schema, parse(query), [...specifiedRules, inputFieldsRule]).map((error) => inputErrorFields(error));

const variableFields = (query: string, variables: Record<string, unknown>) =>
  variableErrors({ schema, document: parse(query), variables }).map((error) => error.field);

const REPORT = 'mutation($input: Casualties!) { report(incidentId: "a", input: $input) }';
const valid = { party: 'POLICE', count: 1, source: { name: 'x', kind: 'media' } };

describe('literals graphql-js refuses while validating', () => {
  it.each([
    ['an unknown enum value', '{ party: ROBOTS, count: 1, source: { name: "x", kind: "y" } }', ['input.party']],
    ['a string for an Int', '{ party: POLICE, count: "1", source: { name: "x", kind: "y" } }', ['input.count']],
    ['null for a non-null nested field', '{ party: POLICE, count: 1, source: { name: null, kind: "y" } }', ['input.source.name']],
    ['a wrong list item', '{ party: POLICE, count: 1, source: { name: "x", kind: "y" }, tags: ["a", 2] }', ['input.tags[1]']],
  ])('%s names its path', (_, input, fields) => {
    expect(literalFields(`mutation { report(incidentId: "a", input: ${input}) }`)).toEqual([fields]);
  });

  it('an object lacking required fields names each lacking field in the error about it (graphql-js reports each at the object)', () => {
    expect(literalFields('mutation { report(incidentId: "a", input: { party: POLICE, source: { name: "x" } }) }')).toEqual([
      ['input.count'],
      ['input.source.kind'],
    ]);
    expect(literalFields('mutation { report(incidentId: "a", input: { party: POLICE }) }')).toEqual([['input.count'], ['input.source']]);
  });

  it("a variable used where its type does not fit names the argument it feeds", () => {
    expect(literalFields('mutation($n: String) { report(incidentId: "a", input: { party: POLICE, count: $n, source: { name: "x", kind: "y" } }) }')).toEqual([['input.count']]);
  });

  it('a field or directive lacking required arguments: each error names the argument it is about', () => {
    expect(literalFields('mutation { report }')).toEqual([['incidentId'], ['input']]);
    expect(literalFields('mutation { report(incidentId: "a") }')).toEqual([['input']]);
    expect(literalFields('{ ok @include }')).toEqual([['if']]);
  });

  it('names nothing for errors that are not about a value', () => {
    expect(literalFields('mutation { report(incidentId: "a", input: { party: POLICE, count: 1, source: { name: "x", kind: "y" }, extra: 1 }) }')).toEqual([[]]);
    expect(literalFields('{ nope }')).toEqual([[]]);
    expect(literalFields('mutation($unused: Int) { note(text: "x") }')).toEqual([[]]);
    // A field lacking an argument, with another fault reported at it.
    expect(literalFields('mutation { report { nope } }')).toEqual([[], ['incidentId'], ['input']]);
  });
});

describe('variables checked before execution', () => {
  it('accepts values that fit, absent optional variables and defaults', () => {
    expect(variableFields(REPORT, { input: valid })).toEqual([]);
    expect(variableFields('mutation($text: String) { note(text: $text) }', {})).toEqual([]);
    expect(variableFields('mutation($text: String! = "x") { note(text: $text) }', {})).toEqual([]);
  });

  it('names each refused value by the argument path it feeds', () => {
    expect(variableFields(REPORT, { input: { ...valid, count: 'seven', party: 'ROBOTS', source: { name: 'x' }, tags: ['a', 2] } })).toEqual([
      'input.party',
      'input.count',
      'input.source.kind',
      'input.tags[1]',
    ]);
  });

  it('names the fields an object lacks and the keys its type does not define (graphql-js reports them at the object)', () => {
    expect(variableFields(REPORT, { input: { party: 'POLICE', source: {}, constructor: 1, extra: 2 } })).toEqual([
      'input.count',
      'input.source.name',
      'input.source.kind',
      'input.constructor',
      'input.extra',
    ]);
    expect(variableFields(REPORT, { input: { ...valid, source: 'media' } })).toEqual(['input.source']);
  });

  it('names a variable used inside a literal object by the field it fills', () => {
    expect(variableFields('mutation($n: Int!) { report(incidentId: "a", input: { party: POLICE, count: $n, source: { name: "x", kind: "y" } }) }', { n: 1.5 })).toEqual([
      'input.count',
    ]);
  });

  it('a required variable absent or null', () => {
    const [absent] = variableErrors({ schema, document: parse(REPORT), variables: {} });
    expect(absent).toEqual({ field: 'input', message: 'Variable "$input" of required type "Casualties!" was not provided.' });
    expect(variableFields(REPORT, { input: null })).toEqual(['input']);
    expect(variableFields(REPORT, null as never)).toEqual(['input']);
  });

  it('names every argument a refused or absent variable feeds', () => {
    const twice = 'mutation($n: Int!) { report(incidentId: "a", input: { party: POLICE, count: $n, source: { name: "x", kind: "y" } }) shout(times: $n) }';
    expect(variableFields(twice, {})).toEqual(['input.count', 'times']);
    expect(variableFields(twice, { n: 'x' })).toEqual(['input.count', 'times']);
    expect(variableFields('mutation($t: String!) { a: note(text: $t) b: note(text: $t) }', {})).toEqual(['text', 'text']);
  });

  it('picks the named operation, and checks nothing when there is none to run', () => {
    const document = `${REPORT} mutation other { note(text: "x") }`.replace('mutation(', 'mutation report(');
    expect(variableErrors({ schema, document: parse(document), operationName: 'other', variables: {} })).toEqual([]);
    expect(variableErrors({ schema, document: parse(document), operationName: 'report', variables: {} })).toHaveLength(1);
    expect(variableErrors({ schema, document: parse(document), variables: {} })).toEqual([]);
  });

  it('leaves a variable of an unknown type to validation, and names an unused one by its own name', () => {
    expect(variableFields('mutation($x: Nope!) { note(text: "x") }', {})).toEqual([]);
    expect(variableFields('mutation($x: Int!) { note(text: "x") }', {})).toEqual(['x']);
  });
});
