import { startEsdbTestServer } from './esdb-test-server.js';

/** The event store a suite runs against: EventStoreDB at `connectionString`, or PostgreSQL on the test's own database when it is absent. */
export interface EventStoreUnderTest {
  readonly connectionString?: string;
  dispose(): Promise<void>;
}

export const postgresEventStore = async (): Promise<EventStoreUnderTest> => ({ dispose: async () => {} });

/** A real EventStoreDB when EVENTSTORE_CONNECTION_STRING is set, otherwise the in-process wire-level gRPC server. */
export async function esdbEventStore(): Promise<EventStoreUnderTest> {
  const real = process.env.EVENTSTORE_CONNECTION_STRING;
  if (real) return { connectionString: real, dispose: async () => {} };
  const server = await startEsdbTestServer();
  return { connectionString: server.connectionString, dispose: () => server.stop() };
}
