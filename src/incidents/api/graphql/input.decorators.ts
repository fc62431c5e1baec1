import { applyDecorators } from '@nestjs/common';
import { Field } from '@nestjs/graphql';
import { Nested, Position, Uuid } from '../inputs/input-fields.js';
import { oneOfRules } from '../input-rules.js';

/**
 * The fields of GraphQL-only argument classes, in GraphQL's spelling: those of `../inputs/input-fields.ts`
 * (their OpenAPI metadata is unused here), and an enum field of any registered enum.
 */

export const EnumField = (type: object, values: readonly string[], required = true) =>
  applyDecorators(Field(() => type, { nullable: !required }), ...oneOfRules(values, required));

export const NestedField = Nested;

/** A required id argument (`ID!`), lower-cased. */
export const IdField = () => Uuid({ required: true });

/** An optional decimal position (or revision) argument. */
export const PositionField = Position;
