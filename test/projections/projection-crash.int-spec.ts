import { postgresEventStore } from '../support/event-stores.js';
import { describeProjectionCrash } from './projection-crash.suite.js';

describeProjectionCrash('PostgreSQL event store', postgresEventStore, 4_000);
