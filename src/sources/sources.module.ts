import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Clock, systemClock } from '../common/clock.js';
import { IncidentsModule } from '../incidents/incidents.module.js';
import { ProjectionsModule } from '../projections/projections.module.js';
import { SourcesResolver } from './api/graphql/sources.resolver.js';
import { SourcesController } from './api/rest/sources.controller.js';
import { SourceCommandHandler } from './application/source-command-handler.js';
import { SourceRow } from './read-models/source.entity.js';
import { SourceQueries } from './read-models/source.queries.js';
import { SourcesProjection } from './read-models/sources.projection.js';

/** The source registry (SPEC §6.1): its stream's commands, its list read model, REST and GraphQL. */
@Module({
  imports: [TypeOrmModule.forFeature([SourceRow]), ProjectionsModule, IncidentsModule],
  controllers: [SourcesController],
  providers: [{ provide: Clock, useValue: systemClock }, SourceCommandHandler, SourceQueries, SourcesProjection, SourcesResolver],
})
export class SourcesModule {}
