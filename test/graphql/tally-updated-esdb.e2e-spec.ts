import { startEsdbTestServer } from '../support/esdb-test-server.js';
import { describeTallyUpdated } from './tally-updated.suite.js';

// EventStoreDB behind the commands and the projection: a real one when EVENTSTORE_CONNECTION_STRING is set,
// otherwise the in-process wire-level gRPC server.
describeTallyUpdated('EventStoreDB adapter', async () => {
  const real = process.env.EVENTSTORE_CONNECTION_STRING;
  if (real) return { connectionString: real, dispose: async () => {} };
  const server = await startEsdbTestServer();
  return { connectionString: server.connectionString, dispose: () => server.stop() };
});
