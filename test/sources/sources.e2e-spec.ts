import { postgresEventStore } from '../support/event-stores.js';
import { describeSources } from './sources.suite.js';

describeSources('PostgreSQL event store', postgresEventStore);
