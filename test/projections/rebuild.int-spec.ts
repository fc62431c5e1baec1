import { postgresEventStore } from '../support/event-stores.js';
import { describeRebuild } from './rebuild.suite.js';

describeRebuild('PostgreSQL event store', postgresEventStore);
