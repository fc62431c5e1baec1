import { postgresEventStore } from '../support/event-stores.js';
import { describeTemporalProperty } from './temporal-property.suite.js';
import { describeTemporalSources } from './temporal-sources.suite.js';

describeTemporalProperty('PostgreSQL event store', postgresEventStore);
describeTemporalSources('PostgreSQL event store', postgresEventStore);
