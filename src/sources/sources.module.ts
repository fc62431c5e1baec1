import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IncidentsModule } from '../incidents/incidents.module.js';
import { ProjectionsModule } from '../projections/projections.module.js';
import { SourceCommandHandler } from './application/source-command-handler.js';
import { SourceRow } from './read-models/source.entity.js';
import { SourceQueries } from './read-models/source.queries.js';
import { SourcesProjection } from './read-models/sources.projection.js';

/** The source registry (docs/sources.md): its stream's commands, its list read model and projection (transports in `api/`). */
@Module({
  imports: [TypeOrmModule.forFeature([SourceRow]), ProjectionsModule, IncidentsModule],
  providers: [SourceCommandHandler, SourceQueries, SourcesProjection],
  exports: [SourceCommandHandler, SourceQueries],
})
export class SourcesModule {}
