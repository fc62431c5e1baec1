import { postgresEventStore } from '../support/event-stores.js';
import { describeIncidentQueries } from './incident-queries.suite.js';

describeIncidentQueries('PostgreSQL event store', postgresEventStore);
