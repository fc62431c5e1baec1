/**
 * A wire-level EventStoreDB for tests: a real gRPC server (`@grpc/grpc-js`, insecure HTTP/2)
 * registered with the service definitions generated into `@eventstore/db-client` itself, so the
 * official client talks to it exactly as to EventStoreDB. Storage is in memory and survives
 * `restart()`, like a server restarted on its data volume; `stop()` drops every connection, which
 * is how tests see the client's behaviour when the server goes away.
 *
 * Services: `Streams.Read` / `Append` / `BatchAppend` and `ServerFeatures.GetSupportedMethods`.
 * With `batchAppend: false` the server neither advertises nor serves `BatchAppend`, as an older
 * EventStoreDB, and the client falls back to `Append`; `calls` counts which path was used.
 */
import { Server, ServerCredentials, type UntypedServiceImplementation } from '@grpc/grpc-js';
import streamsGrpc from '@eventstore/db-client/generated/streams_grpc_pb.js';
import featuresGrpc from '@eventstore/db-client/generated/serverfeatures_grpc_pb.js';
import featuresPb from '@eventstore/db-client/generated/serverfeatures_pb.js';
import { EsdbTestLog } from './esdb-test-log.js';
import { appendHandler, batchAppendHandler } from './esdb-test-append.js';
import { readHandler } from './esdb-test-read.js';

export interface EsdbTestServerOptions {
  /** Advertise and serve `Streams.BatchAppend` (EventStoreDB 21.10+). Defaults to true. */
  readonly batchAppend?: boolean;
}

export interface EsdbTestServer {
  /** `esdb://127.0.0.1:<port>?tls=false` */
  readonly connectionString: string;
  readonly log: EsdbTestLog;
  /** Number of calls per method since start, e.g. `{ append: 3 }`. */
  readonly calls: Readonly<Record<string, number>>;
  /** Drops every connection and stops listening; the data is kept. */
  stop(): Promise<void>;
  /** Listens again on the same port with the same data. */
  restart(): Promise<void>;
}

const SERVER_VERSION = '24.10.0-wire-level-test-server';

export async function startEsdbTestServer(options: EsdbTestServerOptions = {}): Promise<EsdbTestServer> {
  const batchAppend = options.batchAppend ?? true;
  const log = new EsdbTestLog();
  const calls: Record<string, number> = {};
  const counted = <T extends (...args: never[]) => void>(name: string, handler: T): T =>
    ((...args: Parameters<T>) => {
      calls[name] = (calls[name] ?? 0) + 1;
      handler(...args);
    }) as T;

  const streams: UntypedServiceImplementation = {
    read: counted('read', readHandler(log)),
    append: counted('append', appendHandler(log)),
  };
  if (batchAppend) streams.batchAppend = counted('batchAppend', batchAppendHandler(log));
  const features: UntypedServiceImplementation = {
    getSupportedMethods: (_call: unknown, callback: (error: null, value: unknown) => void) =>
      callback(null, supportedMethods(Object.keys(streams))),
  };

  let server: Server | undefined;
  let port = 0;
  const listen = async (): Promise<void> => {
    const next = new Server();
    next.addService(streamsGrpc.StreamsService, streams);
    next.addService(featuresGrpc.ServerFeaturesService, features);
    port = await new Promise<number>((resolve, reject) =>
      next.bindAsync(`127.0.0.1:${port}`, ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
    );
    server = next;
  };
  await listen();

  return {
    // The server runs in the test's own process: while a test keeps the event loop busy (verifying
    // thousands of events on a loaded machine), it answers the client's keep-alive pings late, and the
    // client's default 10 s would drop a healthy connection. A stopped server is still seen at once.
    connectionString: `esdb://127.0.0.1:${port}?tls=false&keepAliveTimeout=60000`,
    log,
    calls,
    stop: async () => {
      server?.forceShutdown();
      server = undefined;
    },
    restart: async () => {
      if (!server) await listen();
    },
  };
}

function supportedMethods(streamsMethods: readonly string[]) {
  const method = (service: string, name: string) =>
    new featuresPb.SupportedMethod().setServiceName(service).setMethodName(name.toLowerCase());
  return new featuresPb.SupportedMethods()
    .setEventStoreServerVersion(SERVER_VERSION)
    .setMethodsList([
      ...streamsMethods.map((name) => method('event_store.client.streams.streams', name)),
      method('event_store.client.server_features.serverfeatures', 'getsupportedmethods'),
    ]);
}
