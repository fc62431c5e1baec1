import { esdbEventStore } from '../projections/event-stores-under-test.js';
import { describeIncidentsProjection } from './incidents-projection.suite.js';

describeIncidentsProjection('EventStoreDB adapter', esdbEventStore);
