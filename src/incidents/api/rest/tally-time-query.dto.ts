import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { ReadQueryDto } from './incident-queries.dto.js';
import type { TallyTimeQuery } from '../../audit/as-of-tally.service.js';

/** `GET /incidents/{id}/tally`'s time arguments (SPEC §3 Time); their format is checked where they are parsed (`as-of.ts`). */
export class TallyTimeQueryDto extends ReadQueryDto implements TallyTimeQuery {
  @IsOptional()
  @IsString()
  @MaxLength(40)
  @ApiPropertyOptional({ type: String, description: 'ISO-8601 time or decimal event-store position: the tally as known then', example: '2019-12-01T18:00:00Z' })
  asOf?: string;

  @IsOptional()
  @IsString()
  @MaxLength(40)
  @ApiPropertyOptional({ type: String, description: 'Count only records that occurred (world time) at or after this; combines with asOf', example: '2019-11-30' })
  occurredFrom?: string;

  @IsOptional()
  @IsString()
  @MaxLength(40)
  @ApiPropertyOptional({ type: String, description: 'Count only records that occurred at or before this (a bare date includes its whole local day)', example: '2019-11-30' })
  occurredTo?: string;
}
