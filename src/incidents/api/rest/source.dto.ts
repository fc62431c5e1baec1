import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUrl } from 'class-validator';
import { SOURCE_KINDS, type SourceKind } from '../../domain/events.js';
import { OneOf, Text, Time } from './validation.decorators.js';

export class SourceDto {
  @Text(200, 'Coahuila state government')
  name!: string;

  @OneOf(SOURCE_KINDS, 'government')
  kind!: SourceKind;

  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true })
  @ApiPropertyOptional({ type: String, format: 'uri', example: 'https://coahuila.gob.mx/noticias' })
  url?: string;

  @Time('2019-12-01T18:00:00Z', false)
  publishedAt?: string;
}
