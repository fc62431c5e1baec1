import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Time as TimeField, Text as TextField, Uuid as UuidField } from '../inputs/input-fields.js';
import { oneOfRules } from '../input-rules.js';

/**
 * The fields of REST-only classes (query strings), in REST's spelling: those of `../inputs/input-fields.ts`
 * (their GraphQL metadata is unused here), and an enum field without a GraphQL enum.
 */

export { PageSize, Position } from '../inputs/input-fields.js';

export const Text = (maxLength: number, example?: string, required = true) => TextField(maxLength, { example, required });

export const Time = (example: string, required = true) => TimeField({ example, required });

export const Uuid = (description: string, required = false) => UuidField({ description, required });

export const OneOf = (values: readonly string[], example: string, required = true) =>
  applyDecorators(...oneOfRules(values, required), (required ? ApiProperty : ApiPropertyOptional)({ enum: values, example }));
