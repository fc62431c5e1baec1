import { postgresEventStore } from '../support/event-stores.js';
import { describePolicySumsProperty } from './policy-sums-property.suite.js';

describePolicySumsProperty('PostgreSQL event store', postgresEventStore);
