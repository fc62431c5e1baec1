import { postgresEventStore } from './event-stores-under-test.js';
import { describeProjectionCrash } from './projection-crash.suite.js';

describeProjectionCrash('PostgreSQL event store', postgresEventStore, 4_000);
