import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MAX_COUNT } from '../../domain/events.js';
import { coordinateRules, countRules, nestedRules, oneOfRules, positionRules, tagsRules, textRules, timeRules, uuidRules } from '../input-rules.js';

const doc = (required: boolean, options: Parameters<typeof ApiProperty>[0]) => (required ? ApiProperty(options) : ApiPropertyOptional(options));

/** A non-empty string of at most `maxLength` characters, without NUL or unpaired surrogates (PostgreSQL and the request hash cannot hold them). */
export const Text = (maxLength: number, example?: string, required = true) =>
  applyDecorators(...textRules(maxLength, required), doc(required, { type: String, maxLength, example }));

/** An integer count; strings, fractions and out-of-range numbers are rejected, never coerced. */
export const Count = (minimum: 0 | 1, example = 7) =>
  applyDecorators(...countRules(minimum), ApiProperty({ type: 'integer', minimum, maximum: MAX_COUNT, example }));

/** A latitude or longitude in decimal degrees (a JSON number). */
export const Coordinate = (axis: 'lat' | 'lon', example: number) =>
  applyDecorators(...coordinateRules(axis), ApiPropertyOptional({ type: Number, minimum: axis === 'lat' ? -90 : -180, maximum: axis === 'lat' ? 90 : 180, example }));

/** An ISO-8601 date or date-time with an offset every layer can hold, kept as given (`isTime`). */
export const Time = (example: string, required = true) =>
  applyDecorators(...timeRules(required), doc(required, { type: String, format: 'date-time', example }));

export const OneOf = (values: readonly string[], example: string, required = true) =>
  applyDecorators(...oneOfRules(values, required), doc(required, { enum: values, example }));

export const Uuid = (description: string, required = false) =>
  applyDecorators(...uuidRules(required), doc(required, { type: String, format: 'uuid', description }));

/**
 * A nested object validated as `type` (arrays and scalars are rejected). @nestjs/swagger takes a `type`
 * function for a lazy class only when the function is named `type`, as `{ type: () => X }` names it;
 * the caller's anonymous arrow passed on as is was read as a class with no name, an empty `$ref`.
 */
export const Nested = (type: () => new () => object, required = true) =>
  applyDecorators(...nestedRules(type, required), doc(required, { type: () => type() }));

export const Tags = (example: string[]) => applyDecorators(...tagsRules(), ApiPropertyOptional({ type: [String], example }));

/** An optional decimal event-store position that fits the store's `bigint`. */
export const Position = (description: string) => applyDecorators(...positionRules(), ApiPropertyOptional({ type: String, description, example: '4295032833' }));
