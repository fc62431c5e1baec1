import { esdbEventStore } from '../support/event-stores.js';
import { describeActorReads } from './actor-reads.suite.js';

describeActorReads('EventStoreDB adapter', esdbEventStore);
