import { esdbEventStore } from '../support/event-stores.js';
import { describeIncidentLinks } from './incident-links.suite.js';

describeIncidentLinks('EventStoreDB adapter', esdbEventStore);
