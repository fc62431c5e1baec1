import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../../auth/auth.decorators.js';
import { READ } from '../../../auth/roles.js';
import { uuidParam as uuid } from '../../../common/uuid.pipe.js';
import { ApiProblems, ApiReadResponse } from '../../../openapi/api-responses.js';
import { DEFAULT_BEST_POLICY } from '../../domain/best-policy.js';
import type { Tally } from '../../domain/tally.js';
import { AsOfTallyService } from '../../audit/as-of-tally.service.js';
import { TallyTimeQueryDto } from './tally-time-query.dto.js';
import { type IncidentTallyDiff, TallyDiffService } from '../../audit/tally-diff.service.js';
import { TimelineQueries, type TimelineEntry } from '../../read-models/incident-records/timeline.queries.js';
import { IncidentQueries } from '../../read-models/incident-summary/incident.queries.js';
import type { LinkedIncidentView } from '../../read-models/incident-summary/incident.view.js';
import type { Page } from '../../../common/page.js';
import { ReadConsistency } from '../../read-models/read-consistency.js';
import { ListIncidentsQueryDto, PageQueryDto, ReadQueryDto } from './incident-queries.dto.js';
import { TallyDiffQuery } from '../inputs/tally-diff.inputs.js';


/** docs/api.md reads: shapes as the GraphQL types, lists as `{ items, nextCursor }`. */
@ApiTags('queries')
@ApiBearerAuth()
@ApiProblems(400, 401, 403, 429, 503)
@Roles(...READ)
@Controller('incidents')
export class IncidentQueriesController {
  constructor(
    private readonly incidents: IncidentQueries,
    private readonly timelines: TimelineQueries,
    private readonly consistency: ReadConsistency,
    private readonly asOf: AsOfTallyService,
    private readonly diffs: TallyDiffService,
  ) {}

  @Get()
  @ApiReadResponse('IncidentPage', '`{ items: Incident[], nextCursor }`, newest `occurredAt` first')
  async list(@Query() query: ListIncidentsQueryDto): Promise<Page<LinkedIncidentView>> {
    const { consistentWith, first, after, ...filter } = query;
    await this.consistency.waitFor(consistentWith);
    const page = await this.incidents.incidents(filter, { first, after });
    return { ...page, items: await this.incidents.withLinks(page.items) };
  }

  @Get(':id')
  @ApiReadResponse('Incident', 'The `Incident` with its `tally`')
  @ApiProblems(404)
  async get(@Param('id', uuid('id')) id: string, @Query() query: ReadQueryDto): Promise<LinkedIncidentView> {
    await this.consistency.waitFor(query.consistentWith);
    const [incident] = await this.incidents.withLinks([await this.incidents.incident(id)]);
    return incident;
  }

  @Get(':id/tally')
  @ApiReadResponse('Tally', "The incident's `Tally`; with `asOf`, as known then (temporal read model); with `occurredFrom`/`occurredTo`, folded from its history")
  @ApiProblems(404)
  async tally(@Param('id', uuid('id')) id: string, @Query() query: TallyTimeQueryDto): Promise<Tally> {
    const { consistentWith, bestPolicy, ...time } = query;
    // Time queries, and policies other than the read model's, are answered as of then; as-of reads wait for the projection themselves (up to the cut or the store's head).
    if (Object.values(time).some((value) => value !== undefined) || (bestPolicy ?? DEFAULT_BEST_POLICY) !== DEFAULT_BEST_POLICY) {
      await this.consistency.check(consistentWith);
      return (await this.asOf.incident(id, { ...time, bestPolicy })).tally;
    }
    await this.consistency.waitFor(consistentWith);
    return this.incidents.tally(id);
  }

  @Get(':id/tally/diff')
  @ApiReadResponse('TallyDiff', "`TallyDiff` as GraphQL `Incident.tallyDiff` returns it: what changed in the incident's tally between `from` and `to`, with the records behind each change")
  @ApiProblems(404)
  tallyDiff(@Param('id', uuid('id')) id: string, @Query() { from, to, bestPolicy }: TallyDiffQuery): Promise<IncidentTallyDiff> {
    return this.diffs.incident({ incidentId: id, from, to, bestPolicy: bestPolicy ?? undefined });
  }

  @Get(':id/timeline')
  @ApiReadResponse('TimelinePage', '`{ items: TimelineEntry[], nextCursor }` by `occurredAt`, then record order')
  @ApiProblems(404)
  async timeline(@Param('id', uuid('id')) id: string, @Query() query: PageQueryDto): Promise<Page<TimelineEntry>> {
    const { consistentWith, ...page } = query;
    await this.consistency.waitFor(consistentWith);
    return this.timelines.timeline(id, page);
  }
}
