import { Module } from '@nestjs/common';
import { IncidentsModule } from '../../incidents/incidents.module.js';
import { SourcesModule } from '../sources.module.js';
import { SourcesResolver } from './graphql/sources.resolver.js';
import { SourcesController } from './rest/sources.controller.js';

/** The source registry's transports: the REST controller and GraphQL resolver over `SourcesModule`'s providers. */
@Module({
  imports: [SourcesModule, IncidentsModule],
  controllers: [SourcesController],
  providers: [SourcesResolver],
})
export class SourcesApiModule {}
