import { ApiProperty, IntersectionType, PickType } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { IncidentFilterInput } from '../inputs/incident-filter.inputs.js';
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

/** `GET /tallies/diff`: the cuts, and every filter of `GET /tallies` (the one filter input of lists, tallies and exports) with its `groupBy`. */
export class TalliesDiffQueryDto extends IntersectionType(TallyDiffQueryDto, IncidentFilterInput, PickType(TalliesQueryDto, ['groupBy'] as const)) {}
