import { esdbEventStore } from '../projections/event-stores-under-test.js';
import { describeIncidentQueries } from './incident-queries.suite.js';

describeIncidentQueries('EventStoreDB adapter', esdbEventStore);
