import { esdbEventStore } from './event-stores-under-test.js';
import { describeProjectionRunner } from './projection-runner.suite.js';

describeProjectionRunner('EventStoreDB adapter', esdbEventStore);
