import { postgresEventStore } from './event-stores-under-test.js';
import { describeRebuild } from './rebuild.suite.js';

describeRebuild('PostgreSQL event store', postgresEventStore);
