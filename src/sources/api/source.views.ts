import { Field, ID, ObjectType } from '@nestjs/graphql';
import { ApiProperty } from '@nestjs/swagger';
import { SourceKindEnum } from '../../incidents/api/graphql/enums.graphql.js';
import { REGISTERED_SOURCE_KINDS, RELIABILITIES, SOURCE_SCALES } from '../domain/events.js';
import { ReliabilityEnum, SourceScaleEnum } from './graphql/source-enums.graphql.js';

/**
 * What the registry answers (docs/sources.md), one class per shape for both transports: the OpenAPI
 * schema is named by the class, the GraphQL type by `@ObjectType`; enums are lower case in REST,
 * their registered GraphQL enums in GraphQL.
 */

@ObjectType('SourceCommandResult', { description: 'What a registry mutation returns; pass position as consistentWith to read your write' })
export class SourceCommandResultDto {
  @ApiProperty({ format: 'uuid' })
  @Field(() => ID)
  sourceId!: string;

  @ApiProperty({ example: '0' })
  @Field(() => String, { description: "The source stream's revision after the write" })
  revision!: string;

  @ApiProperty({ example: '4295032833' })
  @Field(() => String, { description: 'Event-store position of the write' })
  position!: string;
}

@ObjectType('RegisteredSource', { description: 'A registered source; records name it by name or alias' })
export class RegisteredSourceDto {
  @ApiProperty({ format: 'uuid' })
  @Field(() => ID)
  sourceId!: string;

  @ApiProperty()
  @Field(() => String)
  name!: string;

  @ApiProperty({ type: [String] })
  @Field(() => [String])
  aliases!: string[];

  @ApiProperty({ enum: REGISTERED_SOURCE_KINDS })
  @Field(() => SourceKindEnum)
  kind!: string;

  @ApiProperty({ enum: SOURCE_SCALES })
  @Field(() => SourceScaleEnum)
  scale!: string;

  @ApiProperty({ enum: RELIABILITIES })
  @Field(() => ReliabilityEnum)
  reliability!: string;

  @ApiProperty({ description: 'Stream revision (for If-Match)', example: '0' })
  @Field(() => String, { description: 'Stream revision the view includes (for expectedRevision)' })
  revision!: string;

  @ApiProperty({ example: '4295032833' })
  @Field(() => String)
  position!: string;
}
