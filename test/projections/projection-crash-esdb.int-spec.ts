import { esdbEventStore } from '../support/event-stores.js';
import { describeProjectionCrash } from './projection-crash.suite.js';

// Half the PostgreSQL workload: appends over gRPC cost more here, and each kill comes after ~100 events of 2,000.
describeProjectionCrash('EventStoreDB adapter', esdbEventStore, 2_000);
