import { esdbEventStore } from '../support/event-stores.js';
import { describeTallyProperty } from './tally-property.suite.js';

describeTallyProperty('EventStoreDB adapter', esdbEventStore);
