import { IntersectionType, PickType } from '@nestjs/swagger';
import { IncidentFilterInput } from '../inputs/incident-filter.inputs.js';
import { TallyDiffQuery } from '../inputs/tally-diff.inputs.js';
import { TalliesQueryDto } from './exports.dto.js';

/** `GET /tallies/diff`: the cuts, and every filter of `GET /tallies` (the one filter input of lists, tallies and exports) with its `groupBy`. */
export class TalliesDiffQueryDto extends IntersectionType(TallyDiffQuery, IncidentFilterInput, PickType(TalliesQueryDto, ['groupBy'] as const)) {}
