import { Args, Resolver, Subscription } from '@nestjs/graphql';
import { merge, Observable, of } from 'rxjs';
import { Roles } from '../../../auth/auth.decorators.js';
import { READ } from '../../../auth/roles.js';
import { PgListener } from '../../../database/pg-listener.js';
import { ChangeFeedQueries, changesAfter, type ChangeFeedItem } from '../../read-models/incident-summary/change-feed.queries.js';
import { IncidentChanges } from '../../read-models/incident-changes.js';
import { INCIDENT_CHANGED_CHANNEL } from '../../read-models/incidents.projection.js';
import { MAX_PAGE_SIZE } from '../../../common/page.js';
import { asyncIteratorOf } from './async-iterator.js';
import { activeSubscriptions } from './tally-updated.resolver.js';
import { IncidentChangesArgs, IncidentChangeType } from './incident-change.types.js';

/**
 * Runs `read` once per signal, never two at a time: signals that arrive during a read are answered
 * by one more read after it, so a burst of commits costs two reads, not one per commit.
 */
function coalesced<T>(signals: Observable<unknown>, read: () => Promise<T[]>): Observable<T> {
  return new Observable<T>((subscriber) => {
    let reading = false;
    let again = false;
    const pump = async () => {
      if (reading) return void (again = true);
      reading = true;
      try {
        do {
          again = false;
          for (const item of await read()) subscriber.next(item);
        } while (again);
      } catch (error) {
        subscriber.error(error);
      } finally {
        reading = false;
      }
    };
    const subscription = signals.subscribe(() => void pump());
    return () => subscription.unsubscribe();
  });
}

/**
 * `incidentChanges(after)`: the change feed (`GET /changes`) pushed over graphql-ws. Each committed
 * projection batch (PostgreSQL NOTIFY, heard by every app instance) makes it read the feed after the
 * last position it pushed, so every changed incident arrives once per read, in position order, and
 * nothing committed after `after` is missed, also across a lost listener connection.
 */
@Roles(...READ)
@Resolver()
export class IncidentChangesResolver {
  constructor(
    private readonly changes: IncidentChanges,
    private readonly feed: ChangeFeedQueries,
    private readonly listener: PgListener,
  ) {}

  @Subscription(() => IncidentChangeType, { resolve: (item: ChangeFeedItem) => item })
  async incidentChanges(@Args() { after }: IncidentChangesArgs): Promise<AsyncIterableIterator<ChangeFeedItem>> {
    // A bad `after` is refused (400 naming it) before anything is subscribed to.
    if (after) changesAfter(after);
    // LISTEN is in effect before the starting position is read: no later commit goes unsignalled.
    await this.listener.channel(INCIDENT_CHANGED_CHANNEL);
    let last = after ?? (await this.feed.head());
    const readAfterLast = async () => {
      const items: ChangeFeedItem[] = [];
      for (let page = await this.feed.changes(last, MAX_PAGE_SIZE); ; page = await this.feed.changes(last, MAX_PAGE_SIZE)) {
        items.push(...page.items);
        last = page.items.at(-1)?.cursor ?? last;
        if (!page.nextCursor) return items;
      }
    };
    activeSubscriptions.inc();
    return asyncIteratorOf(coalesced(merge(of(undefined), this.changes.changes(), this.listener.reconnected), readAfterLast), () => activeSubscriptions.dec());
  }
}
