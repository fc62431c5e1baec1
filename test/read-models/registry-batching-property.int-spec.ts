import { postgresEventStore } from '../support/event-stores.js';
import { describeRegistryBatchingProperty } from './registry-batching-property.suite.js';

describeRegistryBatchingProperty('PostgreSQL event store', postgresEventStore);
