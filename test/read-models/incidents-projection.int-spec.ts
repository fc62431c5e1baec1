import { postgresEventStore } from '../projections/event-stores-under-test.js';
import { describeIncidentsProjection } from './incidents-projection.suite.js';

describeIncidentsProjection('PostgreSQL event store', postgresEventStore);
