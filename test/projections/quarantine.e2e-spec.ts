import { postgresEventStore } from '../support/event-stores.js';
import { describeQuarantine } from './quarantine.suite.js';

describeQuarantine('PostgreSQL event store', postgresEventStore);
