import { postgresEventStore } from '../support/event-stores.js';
import { describeExports } from './exports.suite.js';

describeExports('PostgreSQL event store', postgresEventStore);
