import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { Roles } from '../../../auth/auth.decorators.js';
import { READ } from '../../../auth/roles.js';
import { ApiProblems, ApiReadResponse } from '../../../openapi/api-responses.js';
import { type TalliesDiff, TallyDiffService } from '../../audit/tally-diff.service.js';
import { TallyGroupsService } from '../../audit/tally-groups.service.js';
import type { TallyGroup } from '../../domain/tally-groups.js';
import { TalliesQueryDto } from './exports.dto.js';
import { TalliesDiffQueryDto } from './tally-diff.dto.js';

/** docs/exports.md: the REST form of GraphQL `tallies`, on the same service. */
@ApiTags('queries')
@ApiBearerAuth()
@ApiProblems(400, 401, 403, 429, 503)
@Roles(...READ)
@Controller('tallies')
export class TalliesController {
  constructor(
    private readonly tallies: TallyGroupsService,
    private readonly diffs: TallyDiffService,
  ) {}

  @Get()
  @ApiOkResponse({ description: '`TallyGroup[]` as GraphQL `tallies` returns them (enums in lower case), ordered by key', schema: { type: 'array', items: { $ref: getSchemaPath('TallyGroup') } } })
  list(@Query() query: TalliesQueryDto): Promise<TallyGroup[]> {
    const { consistentWith, asOf, groupBy = [], bestPolicy, ...filter } = query;
    return this.tallies.tallies(filter, groupBy, { asOf, consistentWith, bestPolicy });
  }

  @Get('diff')
  @ApiReadResponse('TalliesDiff', '`TalliesDiff` as GraphQL `talliesDiff` returns it: the groups whose tally changed between `from` and `to`, with the records behind each change')
  diff(@Query() query: TalliesDiffQueryDto): Promise<TalliesDiff> {
    const { from, to, bestPolicy, groupBy = [], ...filter } = query;
    return this.diffs.groups(filter, groupBy, { from, to, bestPolicy: bestPolicy ?? undefined });
  }
}
