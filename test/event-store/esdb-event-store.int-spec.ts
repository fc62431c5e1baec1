/**
 * The shared event-store contract against the EventStoreDB adapter: through the in-process
 * wire-level test server over real gRPC (once per append path the client has), or, when
 * EVENTSTORE_CONNECTION_STRING is set, against that real EventStoreDB / KurrentDB instead.
 */
import { EsdbEventStore } from '../../src/event-store/esdb/esdb-event-store.js';
import { describeEventStoreContract } from '../event-store.contract.js';
import { startEsdbTestServer, type EsdbTestServer } from '../support/esdb-test-server.js';

const real = process.env.EVENTSTORE_CONNECTION_STRING;

const open = (connectionString: string) => async () => {
  const store = new EsdbEventStore(connectionString);
  return { store, dispose: () => store.close() };
};

if (real) {
  console.info(`contract suite against REAL EventStoreDB at ${real}`);
  describeEventStoreContract('EsdbEventStore (real EventStoreDB)', open(real));
} else {
  describe.each([
    { path: 'BatchAppend', batchAppend: true },
    { path: 'Append', batchAppend: false },
  ])('through the $path path', ({ path, batchAppend }) => {
    let server: EsdbTestServer;
    beforeAll(async () => {
      server = await startEsdbTestServer({ batchAppend });
      console.info(`contract suite against the in-process wire-level EventStoreDB test server (${path} path) at ${server.connectionString}`);
    });
    afterAll(() => server.stop());
    describeEventStoreContract(`EsdbEventStore (wire-level test server, ${path})`, () => open(server.connectionString)());
  });
}
