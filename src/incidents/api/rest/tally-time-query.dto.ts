import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { BEST_POLICIES, DEFAULT_BEST_POLICY, type BestPolicy } from '../../domain/best-policy.js';
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

  @IsOptional()
  @IsIn(BEST_POLICIES)
  @ApiPropertyOptional({ enum: BEST_POLICIES, default: DEFAULT_BEST_POLICY, description: 'Which source figure is `best` (docs/sources.md); other than LATEST, folded from the history' })
  bestPolicy?: BestPolicy;
}
