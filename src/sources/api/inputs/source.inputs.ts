import { applyDecorators } from '@nestjs/common';
import { Field, InputType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SourceKindEnum } from '../../../incidents/api/graphql/enums.graphql.js';
import { namesRules } from '../../../incidents/api/input-rules.js';
import { OneOf, PartialInputType, Text } from '../../../incidents/api/inputs/input-fields.js';
import type { RegisteredSourceKind, Reliability, SourceScale } from '../../domain/events.js';
import { ReliabilityEnum, SourceScaleEnum } from '../graphql/source-enums.graphql.js';

/** The bodies of registry commands (docs/sources.md): one class each for the REST body, its OpenAPI schema and the GraphQL input. */

/** Up to 50 other names records may give the source by (`namesRules`). */
const Names = (required: boolean) => {
  const description = 'Other names records may give the source by';
  return applyDecorators(
    ...namesRules(required),
    (required ? ApiProperty : ApiPropertyOptional)({ type: [String], maxItems: 50, example: ['Gobierno de Coahuila'], description }),
    Field(() => [String], { nullable: !required, description }),
  );
};

/** `POST /sources`, GraphQL `registerSource`. */
@InputType('RegisterSourceInputType')
export class RegisterSourceDto {
  @Text(200, { example: 'Coahuila state government' })
  name!: string;

  @Names(true)
  aliases!: string[];

  @OneOf(SourceKindEnum, { example: 'government' })
  kind!: RegisteredSourceKind;

  @OneOf(SourceScaleEnum, { example: 'regional' })
  scale!: SourceScale;

  @OneOf(ReliabilityEnum, { example: 'A' })
  reliability!: Reliability;
}

/** `PATCH /sources/{id}`, GraphQL `amendSource`: the fields to change (`aliases` replaces the list). */
@InputType('AmendSourceInputType', { description: 'The fields to change; aliases replaces the list' })
export class AmendSourceDto extends PartialInputType(RegisterSourceDto, [] as const) {}
