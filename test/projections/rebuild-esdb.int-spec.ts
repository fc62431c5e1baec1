import { esdbEventStore } from '../support/event-stores.js';
import { describeRebuild } from './rebuild.suite.js';

describeRebuild('EventStoreDB adapter', esdbEventStore);
