import { applyDecorators, type Type } from '@nestjs/common';
import { Field, Float, ID, InputType, Int, OmitType as GraphqlOmitType, PartialType as GraphqlPartialType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional, DECORATORS, OmitType as OpenApiOmitType, PartialType as OpenApiPartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { BEST_POLICIES, DEFAULT_BEST_POLICY } from '../../domain/best-policy.js';
import { MAX_COUNT } from '../../domain/events.js';
import { MAX_PAGE_SIZE } from '../../../common/page.js';
import { BestPolicyEnum } from '../graphql/enums.graphql.js';
import { coordinateRules, countRules, countryRules, nestedRules, oneOfRules, pageSizeRules, positionRules, cursorRules, tagsRules, textRules, timeArgumentRules, timeRules, uuidRules, windowEndRules } from '../input-rules.js';

/**
 * Fields of the input classes both transports read: each decorator applies the field's validation
 * rule (`../input-rules.ts`), its OpenAPI property (@nestjs/swagger) and its GraphQL field
 * (@nestjs/graphql), so one class is the REST body, its OpenAPI schema and the GraphQL input type.
 * A `description` documents both schemas; an `example` only OpenAPI (GraphQL has none).
 */
export interface FieldOptions {
  readonly required?: boolean;
  readonly description?: string;
  readonly example?: unknown;
}

const openApi = (required: boolean, options: Parameters<typeof ApiProperty>[0]) => (required ? ApiProperty(options) : ApiPropertyOptional(options));

/** A non-empty string of at most `maxLength` characters, without NUL or unpaired surrogates (PostgreSQL and the request hash cannot hold them). */
export const Text = (maxLength: number, { required = true, description, example }: FieldOptions = {}) =>
  applyDecorators(...textRules(maxLength, required), openApi(required, { type: String, maxLength, description, example }), Field(() => String, { nullable: !required, description }));

/** An integer count (GraphQL `Int`); strings, fractions and out-of-range numbers are rejected, never coerced. */
export const Count = (minimum: 0 | 1, example = 7) =>
  applyDecorators(...countRules(minimum), ApiProperty({ type: 'integer', minimum, maximum: MAX_COUNT, example }), Field(() => Int));

/** An ISO 3166-1 alpha-2 country code. */
export const Country = ({ required = true, example = 'MX' }: FieldOptions = {}) => {
  const description = 'ISO 3166-1 alpha-2';
  return applyDecorators(...countryRules(required), openApi(required, { description, example }), Field(() => String, { nullable: !required, description }));
};

/** A latitude or longitude in decimal degrees (a JSON number, GraphQL `Float`). */
export const Coordinate = (axis: 'lat' | 'lon', example: number) => {
  const limit = axis === 'lat' ? 90 : 180;
  return applyDecorators(...coordinateRules(axis), ApiPropertyOptional({ type: Number, minimum: -limit, maximum: limit, example }), Field(() => Float, { nullable: true }));
};

/** An ISO-8601 date or date-time with an offset every layer can hold, kept as given (`isTime`); `windowEnd`: a filter's `occurredTo`, not before its `occurredFrom`. */
export const Time = ({ required = true, description, example, windowEnd = false }: FieldOptions & { readonly windowEnd?: boolean } = {}) =>
  applyDecorators(
    ...(windowEnd ? windowEndRules(required) : timeRules(required)),
    openApi(required, { type: String, format: 'date-time', description, example }),
    Field(() => String, { nullable: !required, description: description ?? 'ISO-8601 date or date-time' }),
  );

/**
 * One of a domain enum's values: lower case in REST (`armed_group`), the registered GraphQL enum
 * (`ARMED_GROUP`, `../graphql/enums.graphql.ts`) in GraphQL, which maps it to the same value.
 */
export const OneOf = (graphqlEnum: Record<string, string>, { required = true, description, example }: FieldOptions = {}) => {
  const values = Object.values(graphqlEnum);
  return applyDecorators(...oneOfRules(values, required), openApi(required, { enum: values, description, example }), Field(() => graphqlEnum, { nullable: !required, description }));
};

/** A UUID in any case (GraphQL `ID`), lower-cased. */
export const Uuid = ({ required = false, description }: FieldOptions = {}) =>
  applyDecorators(...uuidRules(required), openApi(required, { type: String, format: 'uuid', description }), Field(() => ID, { nullable: !required, description }));

/**
 * A nested object validated as `type` (arrays and scalars are rejected). @nestjs/swagger takes a `type`
 * function for a lazy class only when the function is named `type`, as `{ type: () => X }` names it;
 * the caller's anonymous arrow passed on as is was read as a class with no name, an empty `$ref`.
 */
export const Nested = (type: () => new () => object, required = true) =>
  applyDecorators(...nestedRules(type, required), openApi(required, { type: () => type() }), Field(type, { nullable: !required }));

/** Up to 50 tags of at most 100 characters each. */
export const Tags = (example: string[]) => applyDecorators(...tagsRules(), ApiPropertyOptional({ type: [String], example }), Field(() => [String], { nullable: true }));

/** An optional decimal event-store position (or revision) that fits the store's `bigint`; a string in both schemas. */
export const Position = (description: string) =>
  applyDecorators(...positionRules(), ApiPropertyOptional({ type: String, description, example: '4295032833' }), Field(() => String, { nullable: true, description }));

/** A time argument of a read (`asOf`, a tally's window, a diff's cuts), optional unless `required`, a string in both schemas; parsed by `audit/as-of.ts`. */
export const TimeArgument = ({ required = false, description, example }: FieldOptions) =>
  applyDecorators(...timeArgumentRules(required), openApi(required, { type: String, description, example }), Field(() => String, { nullable: !required, description }));

/** Which source figure is `best` (docs/sources.md): lower case in REST, the `BestPolicy` enum in GraphQL; LATEST when absent. */
export const BestPolicyArgument = (description?: string) =>
  applyDecorators(
    ...oneOfRules(BEST_POLICIES, false),
    ApiPropertyOptional({ enum: BEST_POLICIES, default: DEFAULT_BEST_POLICY, description }),
    Field(() => BestPolicyEnum, { nullable: true, description }),
  );

/**
 * An optional page size (`first`, GraphQL `Int`), by the one paging rule (`pageSizeRules`). A query
 * string's decimal digits are read as the number: `Number()` would also take `1e2`, `0x10` and ` 5 `.
 */
export const PageSize = (description: string, defaultSize: number, max = MAX_PAGE_SIZE) =>
  applyDecorators(
    // A query value is a number in one spelling (`050` is refused, as positions are): anything else stays text, which `isPageSize` refuses.
    Transform(({ value }) => (typeof value === 'string' && /^[1-9]\d{0,3}$/.test(value) ? Number(value) : value)),
    ...pageSizeRules(max),
    ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: max, default: defaultSize, description }),
    Field(() => Int, { nullable: true, description }),
  );

/** A page cursor (`after`), a string in both schemas. */
export const Cursor = (description = 'nextCursor of the previous page') =>
  applyDecorators(...cursorRules(), ApiPropertyOptional({ type: String, description }), Field(() => String, { nullable: true, description }));

/**
 * `PartialType(OmitType(base, omitted))` for both schemas: GraphQL's mapped type (fields, validation
 * and transforms, each field optional) carrying the OpenAPI properties of Swagger's, since neither
 * library's mapped type copies the other's metadata.
 */
export function PartialInputType<T, K extends keyof T>(base: Type<T>, omitted: readonly K[]): Type<Partial<Omit<T, K>>> {
  const mapped = GraphqlPartialType(GraphqlOmitType(base, omitted, InputType), InputType);
  const documented = OpenApiPartialType(OpenApiOmitType(base, omitted));
  const keys = (Reflect.getMetadata(DECORATORS.API_MODEL_PROPERTIES_ARRAY, documented.prototype) as string[]).map((key) => key.slice(1));
  for (const key of keys) ApiProperty(Reflect.getMetadata(DECORATORS.API_MODEL_PROPERTIES, documented.prototype, key))(mapped.prototype, key);
  return mapped;
}
