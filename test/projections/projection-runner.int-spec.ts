import { postgresEventStore } from '../support/event-stores.js';
import { describeProjectionRunner } from './projection-runner.suite.js';

describeProjectionRunner('PostgreSQL event store', postgresEventStore);
