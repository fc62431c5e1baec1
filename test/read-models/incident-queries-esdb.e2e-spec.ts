import { esdbEventStore } from '../support/event-stores.js';
import { describeIncidentQueries } from './incident-queries.suite.js';

describeIncidentQueries('EventStoreDB adapter', esdbEventStore);
