import { postgresEventStore } from './event-stores-under-test.js';
import { describeProjectionRunner } from './projection-runner.suite.js';

describeProjectionRunner('PostgreSQL event store', postgresEventStore);
