import { ApiProperty, IntersectionType, PickType } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { TalliesQueryDto } from './exports.dto.js';

const CUT = 'ISO-8601 time or decimal event-store position, as `asOf`';

/** `GET /incidents/{id}/tally/diff`: the two cuts, both required. */
export class TallyDiffQueryDto {
  @IsString()
  @MaxLength(40)
  @ApiProperty({ type: String, description: `${CUT}: the tally before`, example: '2019-11-30T18:00:00Z' })
  from!: string;

  @IsString()
  @MaxLength(40)
  @ApiProperty({ type: String, description: `${CUT}: the tally after`, example: '2019-12-01T18:00:00Z' })
  to!: string;
}

/** `GET /tallies/diff`: the cuts, and `GET /tallies`' filters and `groupBy`. */
export class TalliesDiffQueryDto extends IntersectionType(
  TallyDiffQueryDto,
  PickType(TalliesQueryDto, ['country', 'admin1', 'status', 'occurredFrom', 'occurredTo', 'groupBy'] as const),
) {}
