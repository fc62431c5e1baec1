import { esdbEventStore } from '../support/event-stores.js';
import { describeLocalDates } from './local-dates.suite.js';

describeLocalDates('EventStoreDB adapter', esdbEventStore);
