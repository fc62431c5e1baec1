import { postgresEventStore } from '../support/event-stores.js';
import { describeIncidentsProjection } from './incidents-projection.suite.js';

describeIncidentsProjection('PostgreSQL event store', postgresEventStore);
