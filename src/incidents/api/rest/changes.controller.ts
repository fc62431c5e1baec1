import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../../auth/auth.decorators.js';
import { READ } from '../../../auth/roles.js';
import { ApiProblems } from '../../../openapi/api-responses.js';
import { ChangeFeedQueries, type ChangeFeedItem } from '../../read-models/incident-summary/change-feed.queries.js';
import type { Page } from '../../../common/page.js';
import { ReadConsistency } from '../../read-models/read-consistency.js';
import { ChangePageDto, ChangesQueryDto } from './exports.dto.js';

/** docs/exports.md change feed: what a client keeping a local copy polls (docs/exports.md has the loop). */
@ApiTags('exports')
@ApiBearerAuth()
@ApiProblems(400, 401, 403, 429, 503)
@Roles(...READ)
@Controller('changes')
export class ChangesController {
  constructor(
    private readonly feed: ChangeFeedQueries,
    private readonly consistency: ReadConsistency,
  ) {}

  @Get()
  @ApiOkResponse({ type: ChangePageDto, description: 'Incidents whose read model changed after `after`, each once, in position order' })
  async changes(@Query() query: ChangesQueryDto): Promise<Page<ChangeFeedItem>> {
    await this.consistency.waitFor(query.consistentWith);
    return this.feed.changes(query.after ?? '0', query.first);
  }
}
