import { esdbEventStore } from '../support/event-stores.js';
import { describeSources } from './sources.suite.js';

describeSources('EventStoreDB adapter', esdbEventStore);
