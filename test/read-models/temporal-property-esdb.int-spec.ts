import { esdbEventStore } from '../support/event-stores.js';
import { describeTemporalProperty } from './temporal-property.suite.js';
import { describeTemporalSources } from './temporal-sources.suite.js';

describeTemporalProperty('EventStoreDB adapter', esdbEventStore);
describeTemporalSources('EventStoreDB adapter', esdbEventStore);
