import { Args, Resolver, Subscription } from '@nestjs/graphql';
import { Gauge } from 'prom-client';
import { concatMap, map, merge } from 'rxjs';
import { Roles } from '../../../auth/auth.decorators.js';
import { READ } from '../../../auth/roles.js';
import { PgListener } from '../../../database/pg-listener.js';
import type { Tally } from '../../domain/tally.js';
import { IncidentChanges } from '../../read-models/incident-changes.js';
import { IncidentQueries } from '../../read-models/incident-summary/incident.queries.js';
import { INCIDENT_CHANGED_CHANNEL } from '../../read-models/incidents.projection.js';
import { asyncIteratorOf } from './async-iterator.js';
import { TallyUpdatedArgs } from './query.args.js';
import { TallyType } from './tally.types.js';

export const activeSubscriptions = new Gauge({ name: 'graphql_subscriptions_active', help: 'Open GraphQL subscriptions (tallyUpdated, incidentChanges) in this process' });

/**
 * `tallyUpdated(incidentId)`: the incident's tally each time a projection batch touching it
 * commits. The signal is PostgreSQL NOTIFY from the projection's transaction, heard by every app
 * instance, so a subscriber gets updates whichever instance ran the projection; the tally is then
 * read from the read model, so it is never ahead of what queries answer.
 */
@Roles(...READ)
@Resolver()
export class TallyUpdatedResolver {
  constructor(
    private readonly changes: IncidentChanges,
    private readonly queries: IncidentQueries,
    private readonly listener: PgListener,
  ) {}

  @Subscription(() => TallyType, { resolve: (tally: Tally) => tally })
  async tallyUpdated(@Args() { incidentId }: TallyUpdatedArgs): Promise<AsyncIterableIterator<Tally>> {
    // LISTEN is in effect before the subscription counts as open: no change committed afterwards is missed.
    await this.listener.channel(INCIDENT_CHANGED_CHANNEL);
    // Notifications sent while the listener reconnected are lost: re-read the tally then.
    const signals = merge(this.changes.changesOf(incidentId), this.listener.reconnected.pipe(map(() => undefined)));
    activeSubscriptions.inc();
    return asyncIteratorOf(
      signals.pipe(concatMap(() => this.queries.tally(incidentId))),
      () => activeSubscriptions.dec(),
    );
  }
}
