import { Module } from '@nestjs/common';
import { IncidentsModule } from '../incidents/incidents.module.js';
import { ProjectionsModule } from '../projections/projections.module.js';
import { ActorsResolver, IncidentActorsResolver } from './api/graphql/actors.resolver.js';
import { ActorsController } from './api/rest/actors.controller.js';
import { IncidentActorsController } from './api/rest/incident-actors.controller.js';
import { ActorCommandHandler } from './application/actor-command-handler.js';
import { ActorQueries } from './read-models/actor.queries.js';
import { ActorsProjection } from './read-models/actors.projection.js';

/** The actor registry (SPEC §6.2) and actors on incidents: REST, GraphQL, its projection and queries. */
@Module({
  imports: [IncidentsModule, ProjectionsModule],
  controllers: [ActorsController, IncidentActorsController],
  providers: [ActorCommandHandler, ActorQueries, ActorsProjection, ActorsResolver, IncidentActorsResolver],
  exports: [ActorCommandHandler, ActorQueries],
})
export class ActorsModule {}
