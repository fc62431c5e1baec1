import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ProjectionsModule } from '../projections/projections.module.js';
import { IncidentCommandHandler } from './application/incident-command-handler.js';
import { AuditModule } from './audit/audit.module.js';
import { CasualtyFigureRow } from './read-models/incident-figures/casualty-figure.entity.js';
import { HostageFigureRow } from './read-models/incident-figures/hostage-figure.entity.js';
import { SourceFigureRow } from './read-models/incident-figures/source-figure.entity.js';
import { IncidentRecordRow } from './read-models/incident-records/incident-record.entity.js';
import { TimelineQueries } from './read-models/incident-records/timeline.queries.js';
import { IncidentSummaryRow } from './read-models/incident-summary/incident-summary.entity.js';
import { ChangeFeedQueries } from './read-models/incident-summary/change-feed.queries.js';
import { IncidentQueries } from './read-models/incident-summary/incident.queries.js';
import { TallyGroupQueries } from './read-models/incident-summary/tally-groups.queries.js';
import { IncidentChanges } from './read-models/incident-changes.js';
import { DuplicateCandidateQueries } from './read-models/incident-links/duplicate-candidates.queries.js';
import { IncidentLinkRow } from './read-models/incident-links/incident-link.entity.js';
import { IncidentsProjection } from './read-models/incidents.projection.js';
import { ReadConsistency } from './read-models/read-consistency.js';
import { TallyGroupsService } from './audit/tally-groups.service.js';
import { TEMPORAL_ROWS } from './read-models/temporal/temporal.entities.js';
import { ActorSurvivorRow } from './read-models/actor-survivor.entity.js';

const READ_MODEL_ROWS = [IncidentSummaryRow, IncidentRecordRow, CasualtyFigureRow, SourceFigureRow, HostageFigureRow, IncidentLinkRow, ...TEMPORAL_ROWS, ActorSurvivorRow];
const READ_SIDE = [IncidentsProjection, IncidentQueries, TimelineQueries, TallyGroupQueries, TallyGroupsService, ChangeFeedQueries, ReadConsistency, IncidentChanges, DuplicateCandidateQueries];

@Module({
  imports: [TypeOrmModule.forFeature(READ_MODEL_ROWS), ProjectionsModule, AuditModule],
  providers: [IncidentCommandHandler, ...READ_SIDE],
  exports: [IncidentCommandHandler, ...READ_SIDE, AuditModule],
})
export class IncidentsModule {}
