import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { namesRules } from '../../../incidents/api/input-rules.js';
import { OneOf, Text } from '../../../incidents/api/rest/validation.decorators.js';
import { REGISTERED_SOURCE_KINDS, RELIABILITIES, SOURCE_SCALES, type RegisteredSourceKind, type Reliability, type SourceScale } from '../../domain/events.js';

/** Up to 50 other names records may give the source by (`namesRules`). */
const Names = (required: boolean) =>
  applyDecorators(
    ...namesRules(required),
    (required ? ApiProperty : ApiPropertyOptional)({ type: [String], maxItems: 50, example: ['Gobierno de Coahuila'], description: 'Other names records may give the source by' }),
  );

/** `POST /sources` (SPEC §6.1). */
export class RegisterSourceDto {
  @Text(200, 'Coahuila state government')
  name!: string;

  @Names(true)
  aliases!: string[];

  @OneOf(REGISTERED_SOURCE_KINDS, 'government')
  kind!: RegisteredSourceKind;

  @OneOf(SOURCE_SCALES, 'regional')
  scale!: SourceScale;

  @OneOf(RELIABILITIES, 'A')
  reliability!: Reliability;
}

/** `PATCH /sources/{id}`: the fields to change (`aliases` replaces the list). */
export class AmendSourceDto {
  @Text(200, 'Coahuila state government', false)
  name?: string;

  @Names(false)
  aliases?: string[];

  @OneOf(REGISTERED_SOURCE_KINDS, 'government', false)
  kind?: RegisteredSourceKind;

  @OneOf(SOURCE_SCALES, 'regional', false)
  scale?: SourceScale;

  @OneOf(RELIABILITIES, 'B', false)
  reliability?: Reliability;
}

export class SourceCommandResultDto {
  @ApiProperty({ format: 'uuid' }) sourceId!: string;
  @ApiProperty({ example: '0' }) revision!: string;
  @ApiProperty({ example: '4295032833' }) position!: string;
}

export class RegisteredSourceDto {
  @ApiProperty({ format: 'uuid' }) sourceId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: [String] }) aliases!: string[];
  @ApiProperty({ enum: REGISTERED_SOURCE_KINDS }) kind!: string;
  @ApiProperty({ enum: SOURCE_SCALES }) scale!: string;
  @ApiProperty({ enum: RELIABILITIES }) reliability!: string;
  @ApiProperty({ description: 'Stream revision (for If-Match)', example: '0' }) revision!: string;
  @ApiProperty({ example: '4295032833' }) position!: string;
}

export class SourceListDto {
  @ApiProperty({ type: [RegisteredSourceDto] }) items!: RegisteredSourceDto[];
}
