import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsISO8601, IsNotEmpty, IsObject, IsOptional, IsString, IsUUID, Max, MaxLength, Min, NotContains, ValidateNested } from 'class-validator';
import { MAX_COUNT } from '../domain/events.js';

/**
 * The validation rules of write inputs, shared by REST DTOs and GraphQL inputs so that both
 * transports reject exactly the same values; each transport adds its own schema decorators.
 */
type Rules = PropertyDecorator[];

const optional = (required: boolean): Rules => (required ? [] : [IsOptional()]);

/** A non-empty string of at most `maxLength` characters, without NUL (PostgreSQL JSON cannot store it). */
export const textRules = (maxLength: number, required = true): Rules => [
  ...optional(required),
  IsString(),
  IsNotEmpty(),
  MaxLength(maxLength),
  NotContains('\u0000', { message: '$property must not contain NUL characters' }),
];

/** An integer count; strings, fractions and out-of-range numbers are rejected, never coerced. */
export const countRules = (minimum: 0 | 1): Rules => [IsInt(), Min(minimum), Max(MAX_COUNT)];

/** An ISO-8601 date or date-time. */
export const timeRules = (required = true): Rules => [...optional(required), IsISO8601({ strict: true, strictSeparator: true })];

export const oneOfRules = (values: readonly string[], required = true): Rules => [...optional(required), IsIn(values)];

export const uuidRules = (): Rules => [IsOptional(), IsUUID('all')];

/** A nested object validated as `type` (arrays and scalars are rejected). */
export const nestedRules = (type: () => new () => object, required = true): Rules => [...optional(required), IsObject(), ValidateNested(), Type(type)];

/** Up to 50 tags of at most 100 characters each. */
export const tagsRules = (): Rules => [IsOptional(), IsArray(), ArrayMaxSize(50), IsString({ each: true }), MaxLength(100, { each: true })];
