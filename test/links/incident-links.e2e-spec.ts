import { postgresEventStore } from '../support/event-stores.js';
import { describeIncidentLinks } from './incident-links.suite.js';

describeIncidentLinks('PostgreSQL event store', postgresEventStore);
