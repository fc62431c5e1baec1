import { Module } from '@nestjs/common';
import { IncidentsModule } from '../../incidents/incidents.module.js';
import { ActorsModule } from '../actors.module.js';
import { ActorsResolver, IncidentActorsResolver } from './graphql/actors.resolver.js';
import { ActorsController } from './rest/actors.controller.js';
import { IncidentActorsController } from './rest/incident-actors.controller.js';

/** The actor registry's transports: REST controllers and GraphQL resolvers over `ActorsModule`'s providers. */
@Module({
  imports: [ActorsModule, IncidentsModule],
  controllers: [ActorsController, IncidentActorsController],
  providers: [ActorsResolver, IncidentActorsResolver],
})
export class ActorsApiModule {}
