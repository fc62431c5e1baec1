import type { ReferenceObject, SchemaObject } from '@nestjs/swagger';
import { type GraphQLOutputType, type GraphQLSchema, isEnumType, isListType, isNonNullType, isObjectType, isScalarType } from 'graphql';

/**
 * The GraphQL object types REST reads answer with (docs/api.md "Reading": read responses use the same field names and
 * shapes as the GraphQL types): the OpenAPI schemas of these are derived from the GraphQL schema, so
 * the two transports cannot describe a read differently.
 */
export const READ_SHAPES = ['Incident', 'IncidentPage', 'Tally', 'TallyGroup', 'TimelinePage', 'HistoryPage', 'TallyDiff', 'TalliesDiff', 'DuplicateCandidatePage', 'Actor', 'ActorPage'] as const;
export type ReadShape = (typeof READ_SHAPES)[number];

/** GraphQL fields REST does not include: an incident's timeline is paged at `GET /incidents/{id}/timeline`, its duplicate candidates at `GET /incidents/{id}/duplicate-candidates`, its tally diff at `GET /incidents/{id}/tally/diff`. */
const NOT_IN_REST: Readonly<Record<string, readonly string[]>> = { Incident: ['timeline', 'duplicateCandidates', 'tallyDiff'] };

const SCALARS: Readonly<Record<string, SchemaObject>> = {
  String: { type: 'string' },
  ID: { type: 'string' },
  Boolean: { type: 'boolean' },
  Int: { type: 'integer', format: 'int32' },
  Float: { type: 'number' },
  JSON: { description: 'Any JSON value' },
};

type Schemas = Record<string, SchemaObject | ReferenceObject>;

/**
 * OpenAPI 3.0 component schemas of `READ_SHAPES` and every type they reach, named as in GraphQL.
 * Enums list the values REST and events use (the domain's lower case), not GraphQL's upper-case names;
 * nullable GraphQL fields are optional and `nullable`, non-null ones required.
 */
export function readShapeSchemas(schema: GraphQLSchema): Schemas {
  const schemas: Schemas = {};
  const typeSchema = (type: GraphQLOutputType): SchemaObject | ReferenceObject => {
    const inner = isNonNullType(type) ? type.ofType : type;
    if (isListType(inner)) return { type: 'array', items: typeSchema(inner.ofType) };
    if (isEnumType(inner)) return { type: 'string', enum: inner.getValues().map((value) => value.value as string) };
    if (isScalarType(inner)) return SCALARS[inner.name] ?? { description: `${inner.name}: ${inner.description ?? 'a GraphQL scalar'}` };
    if (!isObjectType(inner)) throw new Error(`GraphQL type ${inner.name} has no OpenAPI form`);
    if (!(inner.name in schemas)) {
      schemas[inner.name] = {}; // reserved first: object types may refer to each other
      const fields = Object.values(inner.getFields()).filter((field) => !NOT_IN_REST[inner.name]?.includes(field.name));
      const required = fields.filter((field) => isNonNullType(field.type)).map((field) => field.name);
      schemas[inner.name] = {
        type: 'object',
        ...(inner.description ? { description: inner.description } : {}),
        properties: Object.fromEntries(fields.map((field) => [field.name, fieldSchema(field.type, field.description)])),
        ...(required.length ? { required } : {}),
      };
    }
    return { $ref: `#/components/schemas/${inner.name}` };
  };
  const fieldSchema = (type: GraphQLOutputType, description: string | null | undefined): SchemaObject | ReferenceObject => {
    const schema = typeSchema(type);
    const extras = { ...(isNonNullType(type) ? {} : { nullable: true }), ...(description ? { description } : {}) };
    // OpenAPI 3.0 ignores siblings of $ref: a description needs an allOf around it, nullability a
    // second branch that takes only null (`nullable` needs a `type` beside it).
    if ('$ref' in schema && !isNonNullType(type)) {
      return { oneOf: [schema, { type: 'object', nullable: true, enum: [null] }], ...(description ? { description } : {}) };
    }
    if ('$ref' in schema) return Object.keys(extras).length > 0 ? { allOf: [schema], ...extras } : schema;
    // A nullable enum lists null among its values too (OpenAPI 3.0.3: `nullable` does not add it to `enum`).
    if (schema.enum && !isNonNullType(type)) return { ...schema, ...extras, enum: [...schema.enum, null] };
    return { ...schema, ...extras };
  };
  for (const name of READ_SHAPES) {
    const type = schema.getType(name);
    if (!isObjectType(type)) throw new Error(`The GraphQL schema has no object type ${name}`);
    typeSchema(type);
  }
  return schemas;
}
