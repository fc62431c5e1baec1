import { postgresEventStore } from '../support/event-stores.js';
import { describeTemporalProperty } from './temporal-property.suite.js';

describeTemporalProperty('PostgreSQL event store', postgresEventStore);
