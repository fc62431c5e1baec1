import { Module } from '@nestjs/common';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { GraphQLModule } from '@nestjs/graphql';
import { TokenService } from '../../../auth/token.service.js';
import { ClientBudget } from '../../../common/client-budget.js';
import { ProjectionsModule } from '../../../projections/projections.module.js';
import { IncidentsModule } from '../../incidents.module.js';
import { AsOfTallyLoader } from './as-of-tally.loader.js';
import { graphqlOptions } from './graphql-options.js';
import { SocketChecks } from './socket-checks.js';
import { IncidentCommandsResolver } from './incident-commands.resolver.js';
import { IncidentFieldsResolver } from './incident-fields.resolver.js';
import { IncidentLinksResolver } from './incident-links.resolver.js';
import { IncidentQueriesResolver } from './incident-queries.resolver.js';
import { IncidentChangesResolver } from './incident-changes.resolver.js';
import { CAUSES_RESOLVERS, IncidentTallyDiffResolver, TalliesDiffResolver } from './tally-diff.resolver.js';
import { TallyUpdatedResolver } from './tally-updated.resolver.js';

/** The GraphQL API (docs/api.md) over the incidents' command handler and query services. */
@Module({
  imports: [
    GraphQLModule.forRootAsync<ApolloDriverConfig>({
      driver: ApolloDriver,
      imports: [IncidentsModule],
      inject: [TokenService, ClientBudget],
      useFactory: graphqlOptions,
    }),
    IncidentsModule,
    ProjectionsModule,
  ],
  providers: [IncidentCommandsResolver, IncidentQueriesResolver, IncidentFieldsResolver, IncidentLinksResolver, TallyUpdatedResolver, IncidentChangesResolver, AsOfTallyLoader, IncidentTallyDiffResolver, TalliesDiffResolver, ...CAUSES_RESOLVERS, SocketChecks],
})
export class GraphqlApiModule {}
