import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { oneOfRules } from '../input-rules.js';

/**
 * The fields of REST-only classes (query strings), in REST's spelling: the position of
 * `../inputs/input-fields.ts` (its GraphQL metadata is unused here), and an enum field without a GraphQL enum.
 */

export { Cursor, PageSize, Position } from '../inputs/input-fields.js';

export const OneOf = (values: readonly string[], example: string, required = true) =>
  applyDecorators(...oneOfRules(values, required), (required ? ApiProperty : ApiPropertyOptional)({ enum: values, example }));
