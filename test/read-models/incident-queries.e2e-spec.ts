import { postgresEventStore } from '../projections/event-stores-under-test.js';
import { describeIncidentQueries } from './incident-queries.suite.js';

describeIncidentQueries('PostgreSQL event store', postgresEventStore);
