import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsNotEmpty, IsObject, IsOptional, IsString, IsUUID, Max, MaxLength, Min, NotContains, ValidateNested } from 'class-validator';
import { MAX_COUNT } from '../../domain/events.js';

const optional = (required: boolean) => (required ? [] : [IsOptional()]);
const doc = (required: boolean, options: Parameters<typeof ApiProperty>[0]) => (required ? ApiProperty(options) : ApiPropertyOptional(options));

/** A non-empty string of at most `maxLength` characters, without NUL (PostgreSQL JSON cannot store it). */
export const Text = (maxLength: number, example?: string, required = true) =>
  applyDecorators(
    ...optional(required),
    IsString(),
    IsNotEmpty(),
    MaxLength(maxLength),
    NotContains('\u0000', { message: '$property must not contain NUL characters' }),
    doc(required, { type: String, maxLength, example }),
  );

/** An integer count; strings, fractions and out-of-range numbers are rejected, never coerced. */
export const Count = (minimum: 0 | 1, example = 7) =>
  applyDecorators(IsInt(), Min(minimum), Max(MAX_COUNT), ApiProperty({ type: Number, minimum, maximum: MAX_COUNT, example }));

/** An ISO-8601 date or date-time. */
export const Time = (example: string, required = true) =>
  applyDecorators(...optional(required), IsISO8601({ strict: true, strictSeparator: true }), doc(required, { type: String, format: 'date-time', example }));

export const OneOf = (values: readonly string[], example: string, required = true) =>
  applyDecorators(...optional(required), IsIn(values), doc(required, { enum: values, example }));

export const Uuid = (description: string) =>
  applyDecorators(IsOptional(), IsUUID('all'), ApiPropertyOptional({ type: String, format: 'uuid', description }));

/** A nested object validated as `type` (arrays and scalars are rejected). */
export const Nested = (type: () => new () => object, required = true) =>
  applyDecorators(...optional(required), IsObject(), ValidateNested(), Type(type), doc(required, { type }));
