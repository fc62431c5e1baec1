import { postgresEventStore } from '../support/event-stores.js';
import { describeTallyUpdated } from './tally-updated.suite.js';

describeTallyUpdated('PostgreSQL event store', postgresEventStore);
