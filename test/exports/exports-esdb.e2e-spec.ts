import { esdbEventStore } from '../support/event-stores.js';
import { describeExports } from './exports.suite.js';

describeExports('EventStoreDB adapter', esdbEventStore);
