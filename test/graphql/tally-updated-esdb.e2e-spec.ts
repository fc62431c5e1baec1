import { esdbEventStore } from '../support/event-stores.js';
import { describeTallyUpdated } from './tally-updated.suite.js';

describeTallyUpdated('EventStoreDB adapter', esdbEventStore);
