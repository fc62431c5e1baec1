import { startEsdbTestServer } from '../support/esdb-test-server.js';
import { describeIncidentCommands } from './incident-commands.suite.js';

// The same command suite with EventStoreDB behind the handlers: a real one when EVENTSTORE_CONNECTION_STRING is
// set, otherwise the in-process wire-level gRPC server.
describeIncidentCommands('EventStoreDB adapter', async () => {
  const real = process.env.EVENTSTORE_CONNECTION_STRING;
  if (real) return { connectionString: real, dispose: async () => {} };
  const server = await startEsdbTestServer();
  return { connectionString: server.connectionString, dispose: () => server.stop() };
});
