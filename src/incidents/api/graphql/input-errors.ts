import {
  type ASTNode,
  coerceInputValue,
  type DirectiveNode,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type FieldNode,
  type GraphQLArgument,
  getNamedType,
  getNullableType,
  getOperationAST,
  GraphQLError,
  type GraphQLInputType,
  type GraphQLSchema,
  isInputObjectType,
  isInputType,
  isListType,
  isNonNullType,
  isRequiredArgument,
  isRequiredInputField,
  Kind,
  print,
  typeFromAST,
  type ValidationRule,
  visit,
} from 'graphql';
import { type FieldError, InvalidInput, MAX_FIELD_ERRORS, MORE } from '../../../common/invalid-input.js';

/**
 * GraphQL input errors named by field, the argument path (`input.count`, `input.source.kind`,
 * `incidentId`) the ValidationPipe names the fields it rejects by, read from the document's
 * structure rather than from graphql-js's message text:
 * - a literal graphql-js refuses while validating: its error points to the value's node, whose path
 *   `inputFieldsRule` records; for an object missing required fields, the error points to the object
 *   and the rule records the missing fields' paths (from the schema);
 * - a variable's value: checked before execution with graphql-js's own `coerceInputValue`, whose
 *   `onError` hands over the path (graphql-js's own check puts it in the message only).
 */

const join = (parent: string | undefined, key: string | number): string =>
  typeof key === 'number' ? `${parent ?? ''}[${key}]` : parent ? `${parent}.${key}` : key;

/** The path of every input value of `document`: the argument, object fields and list indexes holding it. */
function valuePaths(document: DocumentNode): Map<ASTNode, string> {
  const paths = new Map<ASTNode, string>();
  visit(document, {
    Argument(node) {
      paths.set(node.value, node.name.value);
    },
    ObjectValue(node) {
      for (const field of node.fields) paths.set(field.value, join(paths.get(node), field.name.value));
    },
    ListValue(node) {
      node.values.forEach((item, index) => paths.set(item, join(paths.get(node), index)));
    },
  });
  return paths;
}

/** Where a variable is used (`$data` in `reportCasualties(input: $data)` feeds `input`), in document order. */
const usagePaths = (paths: Map<ASTNode, string>, variable: string): string[] =>
  [...paths].filter(([node]) => node.kind === Kind.VARIABLE && node.name.value === variable).map(([, path]) => path);

/** The fields each node of a document being validated stands for in an error pointing to it. */
const fieldsOfNode = new WeakMap<ASTNode, readonly string[]>();
/** The required arguments a field or directive node lacks (graphql-js reports each at the node, naming it in its message). */
const lackedArguments = new WeakMap<ASTNode, readonly string[]>();

const lacked = (node: FieldNode | DirectiveNode, definition: { readonly args: readonly GraphQLArgument[] } | null | undefined): void => {
  const given = new Set((node.arguments ?? []).map((argument) => argument.name.value));
  const missing = (definition?.args ?? []).filter((argument) => isRequiredArgument(argument) && !given.has(argument.name)).map(({ name }) => name);
  if (missing.length > 0) lackedArguments.set(node, missing);
};

/**
 * Records, while graphql-js validates a document, the fields its errors may point to: every input
 * value's path, each variable definition's first use, for an object value the paths of the
 * required fields it lacks (graphql-js reports each lacking field at the object), and for a field or
 * directive the required arguments it lacks.
 */
export const inputFieldsRule: ValidationRule = (context) => {
  const paths = valuePaths(context.getDocument());
  for (const [node, path] of paths) fieldsOfNode.set(node, [path]);
  return {
    VariableDefinition(node) {
      const [first] = usagePaths(paths, node.variable.name.value);
      if (first !== undefined) fieldsOfNode.set(node, [first]);
    },
    ObjectValue(node) {
      const type = getNamedType(context.getInputType());
      if (!isInputObjectType(type)) return;
      const given = new Set(node.fields.map((field) => field.name.value));
      const missing = Object.values(type.getFields()).filter((field) => isRequiredInputField(field) && !given.has(field.name));
      if (missing.length > 0) fieldsOfNode.set(node, missing.map((field) => join(paths.get(node), field.name)));
    },
    Field(node) {
      lacked(node, context.getFieldDef());
    },
    Directive(node) {
      lacked(node, context.getDirective());
    },
  };
};

/**
 * The fields a validation error about a literal, a variable's use or a lacking argument names (none
 * for other document errors; of a node's lacking arguments, the one the error is about).
 */
export function inputErrorFields(error: GraphQLError): readonly string[] {
  for (const node of error.nodes ?? []) {
    const fields = lackingField(error, fieldsOfNode.get(node)) ?? lackedArguments.get(node)?.filter((name) => error.message.includes(`argument "${name}"`));
    if (fields?.length) return fields;
  }
  return [];
}

/** Of an object's lacking fields, the one an error is about (graphql-js names it `"Type.field"`); all of `fields` if it names none. */
function lackingField(error: GraphQLError, fields: readonly string[] | undefined): readonly string[] | undefined {
  const named = fields?.filter((field) => error.message.includes(`.${field.slice(field.lastIndexOf('.') + 1)}"`));
  return named?.length ? named : fields;
}

interface Operation {
  readonly schema: GraphQLSchema;
  readonly document: DocumentNode;
  readonly operationName?: string | null;
  readonly variables?: Readonly<Record<string, unknown>> | null;
}

/** Thrown from `coerceInputValue`'s `onError` to stop it once enough errors are found. */
const ENOUGH = Symbol('enough errors');

/**
 * The values graphql-js would refuse for the operation's variables, by the path each feeds, with
 * graphql-js's messages: one more than `MAX_FIELD_ERRORS` at most (the walk stops there, so a value
 * with thousands of faults costs no more than one with a few).
 */
export function variableErrors({ schema, document, operationName, variables }: Operation): FieldError[] {
  const operation = getOperationAST(document, operationName ?? undefined);
  let paths: Map<ASTNode, string> | undefined;
  // Paths are only looked for once a value is refused: values that fit cost no walk of the document.
  // A variable's refusal is named at every argument path it feeds; an unused one by its own name.
  const uses = (name: string) => {
    const found = usagePaths((paths ??= valuePaths(document)), name);
    return found.length > 0 ? found : [name];
  };
  const values = variables ?? {};
  const errors: FieldError[] = [];
  for (const definition of operation?.variableDefinitions ?? []) {
    if (errors.length > MAX_FIELD_ERRORS) break;
    const name = definition.variable.name.value;
    const type = typeFromAST(schema, definition.type);
    // A variable of an unknown or output type is a document error, already reported by validation.
    if (!type || !isInputType(type)) continue;
    if (!Object.hasOwn(values, name)) {
      const required = definition.defaultValue === undefined && isNonNullType(type);
      const message = `Variable "$${name}" of required type "${print(definition.type)}" was not provided.`;
      if (required) errors.push(...uses(name).map((field) => ({ field, message })));
      continue;
    }
    const seen = new Map<string, number>();
    try {
      coerceInputValue(values[name], type, (path, invalid, error) => {
        for (const use of uses(name)) {
          const at = path.reduce<string>(join, use);
          const index = seen.get(at) ?? 0;
          seen.set(at, index + 1);
          const key = objectKeys(typeAt(type, path), invalid)[index];
          errors.push({ field: key === undefined ? at : join(at, key), message: `Variable "$${name}": ${error.message}` });
        }
        if (errors.length > MAX_FIELD_ERRORS) throw ENOUGH;
      });
    } catch (stop) {
      if (stop !== ENOUGH) throw stop;
    }
  }
  return errors;
}

/** The input type at `path` of a value of `type` (list items by index, object fields by name). */
const typeAt = (type: GraphQLInputType, path: readonly (string | number)[]): GraphQLInputType | undefined =>
  path.reduce<GraphQLInputType | undefined>((current, key) => {
    const nullable = current && getNullableType(current);
    if (typeof key === 'number') return isListType(nullable) ? nullable.ofType : undefined;
    return isInputObjectType(nullable) ? nullable.getFields()[key]?.type : undefined;
  }, type);

/**
 * graphql-js reports a field an object value lacks, or has but its type does not define, at the
 * object's path, naming the field in the message only: in its order, the type's required fields the
 * value lacks, then the value's keys the type does not define. These are those fields, in that order.
 */
function objectKeys(type: GraphQLInputType | undefined, value: unknown): string[] {
  const object = type && getNullableType(type);
  if (!isInputObjectType(object) || typeof value !== 'object' || value === null || Array.isArray(value)) return [];
  const fields = object.getFields();
  const lacking = Object.values(fields).filter((field) => isRequiredInputField(field) && (value as Record<string, unknown>)[field.name] === undefined);
  return [...lacking.map((field) => field.name), ...Object.keys(value).filter((key) => !Object.hasOwn(fields, key))];
}

/** The GraphQL error for input that does not fit: its message each field's, `INPUT.INVALID` with the fields once formatted. */
export const variablesError = (errors: readonly FieldError[]) => {
  const invalid = new InvalidInput(errors);
  return new GraphQLError(`${invalid.errors.map((error) => error.message).join('; ')}${invalid.more ? MORE : ''}`, { originalError: invalid, extensions: { http: { status: 400 } } });
};

/** Refuses a graphql-ws operation whose variables do not fit, naming each field (HTTP's: `operationLimitsPlugin`): `run` is graphql-js's `execute` or `subscribe`. */
export function withValidVariables<Result>(run: (args: ExecutionArgs) => Result | Promise<Result>): (args: ExecutionArgs) => Promise<Result | ExecutionResult> {
  return async (args) => {
    const errors = variableErrors({ schema: args.schema, document: args.document, operationName: args.operationName, variables: args.variableValues });
    return errors.length > 0 ? { errors: [variablesError(errors)] } : await run(args);
  };
}
