import { postgresEventStore } from '../support/event-stores.js';
import { describeMergedLimit } from './merged-limit.suite.js';

describeMergedLimit('PostgreSQL event store', postgresEventStore);
