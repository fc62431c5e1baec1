import { esdbEventStore } from './event-stores-under-test.js';
import { describeRebuild } from './rebuild.suite.js';

describeRebuild('EventStoreDB adapter', esdbEventStore);
