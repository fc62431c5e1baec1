import type { LoggedEvent } from '../support/esdb-test-log.js';
import { startEsdbTestServer } from '../support/esdb-test-server.js';
import { describeAudit } from './audit.suite.js';

// The audit suite with EventStoreDB behind the app, through the in-process wire-level gRPC server;
// tampering rewrites an event's bytes in the server's log, as someone with access to its disk could.
describeAudit('EventStoreDB adapter', async () => {
  const server = await startEsdbTestServer();
  return {
    connectionString: server.connectionString,
    tamper: async (eventId, data) => {
      const event = server.log.all.find((logged) => logged.id === eventId) as { -readonly [K in keyof LoggedEvent]: LoggedEvent[K] };
      event.data = new TextEncoder().encode(JSON.stringify(data));
    },
    dispose: () => server.stop(),
  };
});
