import { esdbEventStore } from '../support/event-stores.js';
import { describeQuarantine } from './quarantine.suite.js';

describeQuarantine('EventStoreDB adapter', esdbEventStore);
