import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { RUNTIME } from '../config/runtime.module.js';
import type { Runtime } from '../config/runtime.js';
import { EsdbEventStore } from './esdb/esdb-event-store.js';
import { EventStore } from './event-store.port.js';
import { PostgresEventStore } from './postgres/postgres-event-store.js';

/** EventStoreDB when EVENTSTORE_CONNECTION_STRING is set, otherwise the PostgreSQL store in the read-model database. */
@Global()
@Module({
  providers: [
    {
      provide: EventStore,
      inject: [RUNTIME],
      useFactory: ({ config, databaseUrl }: Runtime): EventStore =>
        config.EVENTSTORE_CONNECTION_STRING
          ? new EsdbEventStore(config.EVENTSTORE_CONNECTION_STRING)
          : new PostgresEventStore(databaseUrl),
    },
  ],
  exports: [EventStore],
})
export class EventStoreModule implements OnApplicationShutdown {
  constructor(@Inject(EventStore) private readonly store: EventStore) {}

  onApplicationShutdown(): Promise<void> {
    return this.store.close();
  }
}
