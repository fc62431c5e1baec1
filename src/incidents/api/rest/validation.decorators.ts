import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Text as TextField } from '../inputs/input-fields.js';
import { oneOfRules } from '../input-rules.js';

/**
 * The fields of REST-only classes (query strings), in REST's spelling: those of `../inputs/input-fields.ts`
 * (their GraphQL metadata is unused here), and an enum field without a GraphQL enum.
 */

export { Position } from '../inputs/input-fields.js';

export const Text = (maxLength: number, example?: string, required = true) => TextField(maxLength, { example, required });

export const OneOf = (values: readonly string[], example: string, required = true) =>
  applyDecorators(...oneOfRules(values, required), (required ? ApiProperty : ApiPropertyOptional)({ enum: values, example }));
