import { ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { MAX_PAGE_SIZE } from '../../read-models/page.js';
import { IncidentFilterInput } from '../inputs/incident-filter.inputs.js';
import { Position } from './validation.decorators.js';

/** `?consistentWith=<position>`: wait (bounded) until the read models include this position, else 503. */
export class ReadQueryDto {
  @Position('A position returned by a write; waits (bounded, then 503) until the read models include it')
  consistentWith?: string;
}

export class PageQueryDto extends ReadQueryDto {
  @IsOptional()
  // Decimal digits only: `Number()` would also take `1e2`, `0x10` and ` 5 `.
  @Transform(({ value }) => (typeof value === 'string' && /^\d{1,4}$/.test(value) ? Number(value) : value))
  @IsInt({ message: 'first must be an integer' })
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE, default: 50 })
  first?: number;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  @ApiPropertyOptional({ type: String, description: 'nextCursor of the previous page' })
  after?: string;
}

/** `GET /incidents`: a page of the incidents that pass the filters. */
export class ListIncidentsQueryDto extends IntersectionType(PageQueryDto, IncidentFilterInput) {}
