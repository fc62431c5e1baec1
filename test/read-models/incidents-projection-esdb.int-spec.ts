import { esdbEventStore } from '../support/event-stores.js';
import { describeIncidentsProjection } from './incidents-projection.suite.js';

describeIncidentsProjection('EventStoreDB adapter', esdbEventStore);
