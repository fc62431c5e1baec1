import { esdbEventStore } from '../support/event-stores.js';
import { describeActors } from './actors.suite.js';

describeActors('EventStoreDB adapter', esdbEventStore);
