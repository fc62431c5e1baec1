import { esdbEventStore } from '../support/event-stores.js';
import { describeProjectionRunner } from './projection-runner.suite.js';

describeProjectionRunner('EventStoreDB adapter', esdbEventStore);
