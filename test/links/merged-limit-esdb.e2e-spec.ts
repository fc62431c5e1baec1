import { esdbEventStore } from '../support/event-stores.js';
import { describeMergedLimit } from './merged-limit.suite.js';

describeMergedLimit('EventStoreDB adapter', esdbEventStore);
