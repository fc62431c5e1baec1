import { describeIncidentCommands } from './incident-commands.suite.js';

describeIncidentCommands('PostgreSQL event store', async () => ({ dispose: async () => {} }));
