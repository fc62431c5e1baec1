import { esdbEventStore } from '../projections/event-stores-under-test.js';
import { describeTallyProperty } from './tally-property.suite.js';

describeTallyProperty('EventStoreDB adapter', esdbEventStore);
