import { Module } from '@nestjs/common';
import { ProjectionsModule } from '../../projections/projections.module.js';
import { AsOfTallyService } from './as-of-tally.service.js';
import { IncidentHistoryService } from './incident-history.service.js';
import { NdjsonExportService } from './ndjson-export.service.js';
import { NdjsonImportService } from './ndjson-import.service.js';
import { ReadModelVerification } from './read-model-verification.js';
import { TallyDiffService } from './tally-diff.service.js';
import { VerifyService } from './verify.service.js';
import { SourceRegistryLog } from '../../sources/stored-events/source-registry-log.js';
import { TemporalTallies } from '../read-models/temporal/temporal-tallies.queries.js';
import { TallyCheckpointer } from '../read-models/temporal/tally-checkpointer.js';

const services = [SourceRegistryLog, TemporalTallies, AsOfTallyService, TallyDiffService, IncidentHistoryService, ReadModelVerification, VerifyService, NdjsonExportService, NdjsonImportService];

/** History, as-of tallies, verification and export/import: what auditors (and the GraphQL resolvers) call. */
@Module({
  imports: [ProjectionsModule],
  providers: [...services, TallyCheckpointer],
  exports: services,
})
export class AuditModule {}
