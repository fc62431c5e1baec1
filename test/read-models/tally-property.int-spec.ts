import { postgresEventStore } from '../projections/event-stores-under-test.js';
import { describeTallyProperty } from './tally-property.suite.js';

describeTallyProperty('PostgreSQL event store', postgresEventStore);
