import { applyDecorators } from '@nestjs/common';
import { Field, Float, ID, Int } from '@nestjs/graphql';
import { coordinateRules, countRules, nestedRules, oneOfRules, positionRules, tagsRules, textRules, timeRules, uuidRules } from '../input-rules.js';

/** GraphQL input fields with the same validation rules as the REST DTOs (`../input-rules.ts`). */

export const TextField = (maxLength: number, required = true, description?: string) =>
  applyDecorators(Field(() => String, { nullable: !required, description }), ...textRules(maxLength, required));

export const CountField = (minimum: 0 | 1) => applyDecorators(Field(() => Int), ...countRules(minimum));

export const CoordinateField = (axis: 'lat' | 'lon') => applyDecorators(Field(() => Float, { nullable: true }), ...coordinateRules(axis));

export const TimeField = (required = true, description = 'ISO-8601 date or date-time') =>
  applyDecorators(Field(() => String, { nullable: !required, description }), ...timeRules(required));

export const EnumField = (type: object, values: readonly string[], required = true) =>
  applyDecorators(Field(() => type, { nullable: !required }), ...oneOfRules(values, required));

export const UuidField = (description: string) => applyDecorators(Field(() => ID, { nullable: true, description }), ...uuidRules());

export const NestedField = (type: () => new () => object, required = true) =>
  applyDecorators(Field(type, { nullable: !required }), ...nestedRules(type, required));

export const TagsField = () => applyDecorators(Field(() => [String], { nullable: true }), ...tagsRules());

/** A required id argument (`ID!`), lower-cased. */
export const IdField = () => applyDecorators(Field(() => ID), ...uuidRules(true));

/** An optional decimal position (or revision) argument. */
export const PositionField = (description: string) => applyDecorators(Field(() => String, { nullable: true, description }), ...positionRules());
