import { esdbEventStore } from '../support/event-stores.js';
import { describeTemporalProperty } from './temporal-property.suite.js';

describeTemporalProperty('EventStoreDB adapter', esdbEventStore);
