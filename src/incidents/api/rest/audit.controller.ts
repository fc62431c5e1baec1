import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../../auth/auth.decorators.js';
import { AUDIT } from '../../../auth/roles.js';
import { uuidParam } from '../../../common/uuid.pipe.js';
import { ApiProblems, ApiReadResponse } from '../../../openapi/api-responses.js';
import { PageQueryDto } from './incident-queries.dto.js';
import { InvalidInput, unknownMember } from '../../../common/invalid-input.js';
import type { Page } from '../../../common/page.js';
import { IncidentHistoryService, type HistoryItem } from '../../audit/incident-history.service.js';
import { VerifyReportDto } from './verify-report.dto.js';
import { VerifyService, type VerifyReport } from '../../audit/verify.service.js';
import { ReadConsistency } from '../../read-models/read-consistency.js';

/** Auditors' reads (docs/api.md): an incident's full event history, and verification of the whole store. */
@ApiTags('audit')
@ApiBearerAuth()
@ApiProblems(401, 403, 429, 503)
@Roles(...AUDIT)
@Controller()
export class AuditController {
  constructor(
    private readonly history: IncidentHistoryService,
    private readonly verification: VerifyService,
    private readonly consistency: ReadConsistency,
  ) {}

  @Get('incidents/:id/events')
  @ApiReadResponse('HistoryPage', '{ items: [{ eventId, type, data (upcast to the current schema), metadata (as stored), revision, position, recordedAt }], nextCursor }')
  @ApiProblems(400, 404)
  async events(@Param('id', uuidParam('id')) id: string, @Query() query: PageQueryDto): Promise<Page<HistoryItem>> {
    // `consistentWith` needs no wait: the history is read from the event store itself.
    await this.consistency.check(query.consistentWith);
    return this.history.page(id, { first: query.first, after: query.after });
  }

  @Get('audit/verify')
  @ApiOkResponse({ type: VerifyReportDto, description: 'Hash chains and read models checked against a fresh replay' })
  @ApiProblems(400)
  verify(@Query() query: Record<string, unknown>): Promise<VerifyReport> {
    // It takes no query parameters: one given is refused as unknown (400 naming it), as on every route.
    const unknown = Object.keys(query);
    if (unknown.length > 0) throw new InvalidInput(unknown.map((field) => unknownMember(field)));
    return this.verification.verify();
  }
}
