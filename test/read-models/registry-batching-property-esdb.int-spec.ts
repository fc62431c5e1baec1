import { esdbEventStore } from '../support/event-stores.js';
import { describeRegistryBatchingProperty } from './registry-batching-property.suite.js';

describeRegistryBatchingProperty('EventStoreDB adapter', esdbEventStore);
