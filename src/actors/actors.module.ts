import { Module } from '@nestjs/common';
import { IncidentsModule } from '../incidents/incidents.module.js';
import { ProjectionsModule } from '../projections/projections.module.js';
import { ActorCommandHandler } from './application/actor-command-handler.js';
import { ActorQueries } from './read-models/actor.queries.js';
import { ActorsProjection } from './read-models/actors.projection.js';

/** The actor registry (docs/actors.md) and actors on incidents: commands, its projection and queries (transports in `api/`). */
@Module({
  imports: [IncidentsModule, ProjectionsModule],
  providers: [ActorCommandHandler, ActorQueries, ActorsProjection],
  exports: [ActorCommandHandler, ActorQueries],
})
export class ActorsModule {}
