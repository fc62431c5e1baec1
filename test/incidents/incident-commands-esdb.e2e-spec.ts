import { esdbEventStore } from '../support/event-stores.js';
import { describeIncidentCommands } from './incident-commands.suite.js';

describeIncidentCommands('EventStoreDB adapter', esdbEventStore);
