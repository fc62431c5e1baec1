import { postgresEventStore } from '../support/event-stores.js';
import { describeTallyProperty } from './tally-property.suite.js';

describeTallyProperty('PostgreSQL event store', postgresEventStore);
