import { postgresEventStore } from '../support/event-stores.js';
import { describeIncidentCommands } from './incident-commands.suite.js';

describeIncidentCommands('PostgreSQL event store', postgresEventStore);
