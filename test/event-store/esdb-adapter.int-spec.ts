/**
 * What the EventStoreDB adapter adds to the shared contract: the client's two append paths, the
 * translation of client errors, positions as EventStoreDB reports them, system records skipped,
 * and a dropped connection. Runs over real gRPC against the wire-level test server.
 */
import { randomUUID } from 'node:crypto';
import { EsdbEventStore } from '../../src/event-store/esdb/esdb-event-store.js';
import { EventStoreUnavailable, StreamNotFound, WrongExpectedVersion } from '../../src/event-store/event-store.errors.js';
import type { EventSubscription, EventToAppend, RecordedEvent } from '../../src/event-store/event-store.port.js';
import { startEsdbTestServer, type EsdbTestServer } from '../support/esdb-test-server.js';

const event = (type = 'Happened', n = 0): EventToAppend => ({ id: randomUUID(), type, data: { n }, metadata: { by: 'test' } });
const streamName = (prefix = 'adapter-'): string => `${prefix}${randomUUID()}`;

/** Takes the next `count` events of a running iteration. */
async function take(iterator: AsyncIterator<RecordedEvent>, count: number): Promise<RecordedEvent[]> {
  const taken: RecordedEvent[] = [];
  while (taken.length < count) {
    const next = await iterator.next();
    if (next.done) break;
    taken.push(next.value);
  }
  return taken;
}

describe.each([
  { path: 'BatchAppend', batchAppend: true },
  { path: 'Append', batchAppend: false },
])('EsdbEventStore through the $path path', ({ batchAppend }) => {
  let server: EsdbTestServer;
  let store: EsdbEventStore;

  beforeAll(async () => {
    server = await startEsdbTestServer({ batchAppend });
    store = new EsdbEventStore(server.connectionString);
  });
  afterAll(async () => {
    await store.close();
    await server.stop();
  });

  it('appends through the path the server advertises', async () => {
    const stream = streamName();
    const result = await store.appendToStream(stream, [event(), event()], { expectedRevision: 'no_stream' });
    expect(result.nextRevision).toBe(1n);
    expect(server.calls.batchAppend ?? 0).toBe(batchAppend ? 1 : 0);
    expect(server.calls.append ?? 0).toBe(batchAppend ? 0 : 1);
  });

  it('round-trips ids, types, JSON data and metadata', async () => {
    const stream = streamName();
    const written = [event('A', 1), event('B', 2)];
    await store.appendToStream(stream, written);
    const read = await store.readStream(stream);
    expect(read.map(({ id, type, data, metadata, stream: s, revision }) => ({ id, type, data, metadata, stream: s, revision }))).toEqual(
      written.map((e, i) => ({ ...e, stream, revision: BigInt(i) })),
    );
    expect(read[0].recordedAt.getTime()).toBeGreaterThan(Date.now() - 60_000);
  });

  it('reports a wrong expected version with the expected and actual revisions', async () => {
    const stream = streamName();
    await store.appendToStream(stream, [event()]);
    await expect(store.appendToStream(stream, [event()], { expectedRevision: 'no_stream' })).rejects.toMatchObject(
      { constructor: WrongExpectedVersion, stream, expected: 'no_stream', actual: 0n },
    );
    await expect(store.appendToStream(stream, [event()], { expectedRevision: 5n })).rejects.toMatchObject({ expected: 5n, actual: 0n });
    await expect(store.appendToStream(streamName(), [event()], { expectedRevision: 'stream_exists' })).rejects.toMatchObject(
      { constructor: WrongExpectedVersion, expected: 'stream_exists', actual: undefined },
    );
  });

  it('returns the original result when the same ids are appended again', async () => {
    const stream = streamName();
    const batch = [event(), event()];
    const first = await store.appendToStream(stream, batch, { expectedRevision: 'no_stream' });
    await store.appendToStream(stream, [event()]);
    expect(await store.appendToStream(stream, batch, { expectedRevision: 'no_stream' })).toEqual(first);
    expect(await store.appendToStream(stream, batch)).toEqual(first);
    expect(await store.readStream(stream)).toHaveLength(3);
  });

  it('throws StreamNotFound for a stream that was never written', async () => {
    await expect(store.readStream(streamName())).rejects.toBeInstanceOf(StreamNotFound);
  });

  it('hands out commit positions that order $all, skipping system records', async () => {
    const stream = streamName();
    const from = (await store.appendToStream(stream, [event()])).position;
    server.log.appendSystemEvent('$statistics-127.0.0.1:2113');
    const last = await store.appendToStream(stream, [event(), event()]);
    server.log.appendSystemEvent('$scavenges');

    const read = await store.readAll({ fromPosition: from });
    expect(read.map((e) => e.stream)).toEqual([stream, stream, stream]);
    expect(read[0].position).toBe(from);
    expect(read[2].position).toBe(last.position);
    expect(read[1].position).toBeGreaterThan(read[0].position);
    expect(await store.readAll({ fromPosition: from, maxCount: 2 })).toEqual(read.slice(0, 2));
    expect(await store.headPosition()).toBe(last.position);
  });

  it('subscribes after a position, to the filtered prefixes only', async () => {
    const wanted = streamName('wanted-');
    const from = (await store.appendToStream(wanted, [event()])).position;
    await store.appendToStream(streamName('other-'), [event()]);
    server.log.appendSystemEvent('$wanted-looking-system-stream');
    const subscription = store.subscribeToAll({ fromPosition: from, filter: { streamNamePrefixes: ['wanted-', '$wanted'] } });
    const iterator = subscription[Symbol.asyncIterator]();
    await store.appendToStream(wanted, [event()]);
    const [next] = await take(iterator, 1);
    await subscription.close();
    expect(next).toMatchObject({ stream: wanted, revision: 1n });
    expect((await iterator.next()).done).toBe(true);
  });
});

describe('EsdbEventStore when the server goes away', () => {
  let server: EsdbTestServer;
  let store: EsdbEventStore;

  beforeAll(async () => {
    server = await startEsdbTestServer();
    store = new EsdbEventStore(server.connectionString);
  });
  afterAll(async () => {
    await store.close();
    await server.stop();
  });

  it('fails calls with EventStoreUnavailable, then works again once it is back', async () => {
    const stream = streamName();
    await store.appendToStream(stream, [event()]);
    await server.stop();
    await expect(store.ping()).rejects.toBeInstanceOf(EventStoreUnavailable);
    await expect(store.appendToStream(stream, [event()])).rejects.toBeInstanceOf(EventStoreUnavailable);
    await expect(store.readStream(stream)).rejects.toBeInstanceOf(EventStoreUnavailable);
    await server.restart();
    await expect(store.ping()).resolves.toBeUndefined();
    expect((await store.appendToStream(stream, [event()])).nextRevision).toBe(1n);
  });

  it('ends a live subscription with EventStoreUnavailable; a new one from the last position loses and repeats nothing', async () => {
    const stream = streamName('restart-');
    const filter = { streamNamePrefixes: ['restart-'] };
    const before = Array.from({ length: 5 }, (_, n) => event('Before', n));
    await store.appendToStream(stream, before);

    const first: EventSubscription = store.subscribeToAll({ filter });
    const iterator = first[Symbol.asyncIterator]();
    const seen = await take(iterator, 5);
    await server.stop();
    await expect(iterator.next()).rejects.toBeInstanceOf(EventStoreUnavailable);

    await server.restart();
    const after = Array.from({ length: 5 }, (_, n) => event('After', n));
    await store.appendToStream(stream, after);
    const resumed = store.subscribeToAll({ fromPosition: seen[seen.length - 1].position, filter });
    seen.push(...(await take(resumed[Symbol.asyncIterator](), 5)));
    await resumed.close();

    expect(seen.map((e) => e.id)).toEqual([...before, ...after].map((e) => e.id));
  });
});
