import { postgresEventStore } from '../support/event-stores.js';
import { describeLocalDates } from './local-dates.suite.js';

describeLocalDates('PostgreSQL event store', postgresEventStore);
