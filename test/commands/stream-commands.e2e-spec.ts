import { postgresEventStore } from '../support/event-stores.js';
import { describeStreamCommands } from './stream-commands.suite.js';

describeStreamCommands('PostgreSQL event store', postgresEventStore);
