import { esdbEventStore } from '../support/event-stores.js';
import { describeStreamCommands } from './stream-commands.suite.js';

describeStreamCommands('EventStoreDB adapter', esdbEventStore);
