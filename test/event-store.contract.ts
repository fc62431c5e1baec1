/**
 * The event-store contract: every adapter runs this one suite (see `describeEventStoreContract`).
 *
 * It speaks only through the port, and every test writes to its own fresh streams (random UUIDs)
 * and looks at `$all` only through them, so it also holds on a store that other tests or
 * processes are writing to. No test sleeps: each waits for the events it expects.
 */
import { randomUUID } from 'node:crypto';
import type { EventStore, EventSubscription, EventToAppend, ExpectedRevision, RecordedEvent } from '../src/event-store/event-store.port.js';
import { StreamNotFound, WrongExpectedVersion } from '../src/event-store/event-store.errors.js';

export interface OpenedEventStore {
  readonly store: EventStore;
  dispose(): Promise<void>;
}

const STRESS = { writers: 8, appendsPerWriter: 500, streams: 50 };

const newStream = (label: string): string => `${label}-${randomUUID()}`;

const newEvents = (count: number, type = 'ContractTested'): EventToAppend[] =>
  Array.from({ length: count }, (_, index) => ({ id: randomUUID(), type, data: { index, text: `event ${index}` }, metadata: { suite: 'contract' } }));

/** Reads `count` events from a subscription's iterator (the test times out if they never come). */
async function take(events: AsyncIterator<RecordedEvent>, count: number): Promise<RecordedEvent[]> {
  const taken: RecordedEvent[] = [];
  while (taken.length < count) {
    const next = await events.next();
    if (next.done) throw new Error(`subscription ended after ${taken.length} of ${count} events`);
    taken.push(next.value);
  }
  return taken;
}

const idsOf = (events: readonly { id: string }[]): string[] => events.map((event) => event.id.toLowerCase());

const expectStrictlyIncreasing = (positions: readonly bigint[]): void => {
  positions.slice(1).forEach((position, index) => expect(position > positions[index]).toBe(true));
};

async function expectWrongExpectedVersion(append: Promise<unknown>, expected: ExpectedRevision, actual: bigint | undefined): Promise<void> {
  const error = await append.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(WrongExpectedVersion);
  expect(error).toMatchObject({ expected, actual });
}

/** Declares the contract suite for the store `open` returns (called once, in `beforeAll`). */
export function describeEventStoreContract(name: string, open: () => Promise<OpenedEventStore>): void {
  describe(`event-store contract: ${name}`, () => {
    let opened: OpenedEventStore;
    let store: EventStore;

    beforeAll(async () => {
      opened = await open();
      store = opened.store;
    });
    afterAll(() => opened?.dispose());

    /** A stream with revisions 0 and 1. */
    const existingStream = async (): Promise<string> => {
      const stream = newStream('existing');
      await store.appendToStream(stream, newEvents(2), { expectedRevision: 'no_stream' });
      return stream;
    };

    describe('appending to a missing stream', () => {
      it.each<ExpectedRevision>(['any', 'no_stream'])('with %s starts it at revision 0', async (expectedRevision) => {
        const stream = newStream('missing');
        const result = await store.appendToStream(stream, newEvents(1), { expectedRevision });
        expect(result.nextRevision).toBe(0n);
        expect((await store.readStream(stream))[0]).toMatchObject({ revision: 0n, position: result.position });
      });
      it.each<ExpectedRevision>(['stream_exists', 0n])('with %s fails with actual undefined and writes nothing', async (expectedRevision) => {
        const stream = newStream('missing');
        await expectWrongExpectedVersion(store.appendToStream(stream, newEvents(1), { expectedRevision }), expectedRevision, undefined);
        await expect(store.readStream(stream)).rejects.toBeInstanceOf(StreamNotFound);
      });
      it('defaults to any', async () => {
        expect((await store.appendToStream(newStream('missing'), newEvents(1))).nextRevision).toBe(0n);
      });
    });

    describe('appending to a stream at revision 1', () => {
      it.each<ExpectedRevision>(['any', 'stream_exists', 1n])('with %s appends after the last event', async (expectedRevision) => {
        const stream = await existingStream();
        const result = await store.appendToStream(stream, newEvents(2), { expectedRevision });
        expect(result.nextRevision).toBe(3n);
        expect((await store.readStream(stream)).map((event) => event.revision)).toEqual([0n, 1n, 2n, 3n]);
      });
      it.each<ExpectedRevision>(['no_stream', 0n, 2n])('with %s fails with actual 1 and writes nothing', async (expectedRevision) => {
        const stream = await existingStream();
        await expectWrongExpectedVersion(store.appendToStream(stream, newEvents(1), { expectedRevision }), expectedRevision, 1n);
        expect(await store.readStream(stream)).toHaveLength(2);
      });
    });

    it('appends a batch atomically: consecutive revisions, increasing positions, the last one returned', async () => {
      const stream = newStream('batch');
      const events = newEvents(5);
      const result = await store.appendToStream(stream, events, { expectedRevision: 'no_stream' });
      const read = await store.readStream(stream);
      expect(idsOf(read)).toEqual(idsOf(events));
      expect(read.map((event) => event.revision)).toEqual([0n, 1n, 2n, 3n, 4n]);
      expectStrictlyIncreasing(read.map((event) => event.position));
      expect(result).toEqual({ nextRevision: 4n, position: read[4].position });
    });

    describe('idempotence: re-appending the same event ids', () => {
      it('returns the original result and writes nothing', async () => {
        const stream = newStream('idempotent');
        const events = newEvents(3);
        const first = await store.appendToStream(stream, events);
        expect(await store.appendToStream(stream, events)).toEqual(first);
        expect(await store.readStream(stream)).toHaveLength(3);
      });
      it.each<[string, ExpectedRevision]>([
        ['no_stream', 'no_stream'],
        ['an exact revision', 1n],
      ])('with %s that is now stale still returns the original result', async (_, expectedRevision) => {
        const stream = newStream('idempotent');
        if (expectedRevision !== 'no_stream') await store.appendToStream(stream, newEvents(2));
        const events = newEvents(2);
        const first = await store.appendToStream(stream, events, { expectedRevision });
        await store.appendToStream(stream, newEvents(1));
        expect(await store.appendToStream(stream, events, { expectedRevision })).toEqual(first);
        expect(await store.readStream(stream)).toHaveLength(expectedRevision === 'no_stream' ? 3 : 5);
      });
    });

    describe('reading a stream', () => {
      let stream: string;
      let appended: EventToAppend[];
      beforeAll(async () => {
        stream = newStream('read');
        appended = newEvents(5);
        await store.appendToStream(stream, appended.slice(0, 2));
        await store.appendToStream(stream, appended.slice(2));
      });

      it('returns recorded events with their content, stream, revision, position and store time', async () => {
        const [first] = await store.readStream(stream, { maxCount: 1 });
        expect(first).toMatchObject({ ...appended[0], id: expect.any(String), stream, revision: 0n, position: expect.any(BigInt) });
        expect(first.id.toLowerCase()).toBe(appended[0].id.toLowerCase());
        expect(first.recordedAt).toBeInstanceOf(Date);
      });
      it('forwards from the start', async () => {
        expect(idsOf(await store.readStream(stream))).toEqual(idsOf(appended));
      });
      it('forwards from a revision, at most maxCount', async () => {
        const read = await store.readStream(stream, { fromRevision: 2n, maxCount: 2 });
        expect(read.map((event) => event.revision)).toEqual([2n, 3n]);
      });
      it('backwards from the end', async () => {
        expect(idsOf(await store.readStream(stream, { direction: 'backwards' }))).toEqual(idsOf(appended).reverse());
      });
      it('backwards from a revision, at most maxCount', async () => {
        const read = await store.readStream(stream, { direction: 'backwards', fromRevision: 3n, maxCount: 2 });
        expect(read.map((event) => event.revision)).toEqual([3n, 2n]);
      });
      it('forwards past the end is empty', async () => {
        expect(await store.readStream(stream, { fromRevision: 5n })).toEqual([]);
      });
      it.each(['forwards', 'backwards'] as const)('%s on a missing stream throws StreamNotFound', async (direction) => {
        const missing = newStream('missing');
        await expect(store.readStream(missing, { direction })).rejects.toEqual(expect.objectContaining({ stream: missing }));
        await expect(store.readStream(missing, { direction })).rejects.toBeInstanceOf(StreamNotFound);
      });
    });

    describe('$all', () => {
      it('holds every append in order: positions strictly increase, each stream in revision order', async () => {
        const [a, b] = [newStream('all-a'), newStream('all-b')];
        const marker = await store.appendToStream(newStream('marker'), newEvents(1));
        const appends = [a, b, a, b, a].map((stream) => ({ stream, events: newEvents(2) }));
        const results = [];
        for (const { stream, events } of appends) results.push(await store.appendToStream(stream, events));
        const read = (await store.readAll({ fromPosition: marker.position })).filter((event) => event.stream === a || event.stream === b);
        expect(idsOf(read)).toEqual(appends.flatMap(({ events }) => idsOf(events)));
        expectStrictlyIncreasing([marker.position, ...read.map((event) => event.position)]);
        expect(read.filter((event) => event.stream === a).map((event) => event.revision)).toEqual([0n, 1n, 2n, 3n, 4n, 5n]);
        expect(read.filter((event) => event.stream === b).map((event) => event.revision)).toEqual([0n, 1n, 2n, 3n]);
        expectStrictlyIncreasing(results.map((result) => result.position));
      });

      it('reads from a position inclusive, in pages of maxCount', async () => {
        const stream = newStream('paged');
        const events = newEvents(5);
        const positions: bigint[] = [];
        for (const event of events) positions.push((await store.appendToStream(stream, [event])).position);
        // Each page starts at the previous page's last position, which it must return again.
        let page = await store.readAll({ fromPosition: positions[0], maxCount: 2 });
        const seen = [...page];
        while (seen.filter((event) => event.stream === stream).length < events.length) {
          const last = page[page.length - 1];
          page = await store.readAll({ fromPosition: last.position, maxCount: 2 });
          expect(page[0].id).toBe(last.id);
          expect(page.length).toBeLessThanOrEqual(2);
          seen.push(...page.slice(1));
        }
        expect(seen[0].position).toBe(positions[0]);
        const mine = seen.filter((event) => event.stream === stream);
        expect(idsOf(mine)).toEqual(idsOf(events));
        expect(mine.map((event) => event.position)).toEqual(positions);
      });

      it('scans for the events of some stream prefixes and types; a scan from where it stopped finds the later ones', async () => {
        const prefix = `scanned-${randomUUID()}-`;
        const filter = { streamNamePrefixes: [prefix], eventTypes: ['Wanted'] };
        const marker = await store.appendToStream(newStream('marker'), newEvents(1));
        const [wantedA, otherType, otherPrefix, wantedB] = [newEvents(2, 'Wanted'), newEvents(1), newEvents(1, 'Wanted'), newEvents(1, 'Wanted')];
        await store.appendToStream(`${prefix}a`, [wantedA[0], ...otherType, wantedA[1]]);
        await store.appendToStream(newStream('unscanned'), otherPrefix);
        const last = await store.appendToStream(`${prefix}b`, wantedB);
        const first = await store.scanAll({ fromPosition: marker.position, filter });
        expect(idsOf(first.events)).toEqual(idsOf([...wantedA, ...wantedB]));
        expect(first.events.at(-1)!.position).toBe(last.position);
        const later = newEvents(1, 'Wanted');
        await store.appendToStream(`${prefix}a`, [...later, ...newEvents(1)]);
        const next = await store.scanAll({ fromPosition: first.scannedTo!, filter });
        expect(next.events.every((event) => event.position >= first.scannedTo!)).toBe(true);
        const kept = new Set(idsOf(first.events));
        expect(idsOf(next.events).filter((id) => !kept.has(id))).toEqual(idsOf(later));
      });

      it('reports the head position', async () => {
        const first = await store.appendToStream(newStream('head'), newEvents(1));
        expect(await store.headPosition()).toBeGreaterThanOrEqual(first.position);
        const second = await store.appendToStream(newStream('head'), newEvents(1));
        expect(await store.headPosition()).toBeGreaterThanOrEqual(second.position);
      });
    });

    describe('subscribing to $all', () => {
      const open: EventSubscription[] = [];
      const subscribe = (...args: Parameters<EventStore['subscribeToAll']>): [EventSubscription, AsyncIterator<RecordedEvent>] => {
        const subscription = store.subscribeToAll(...args);
        open.push(subscription);
        return [subscription, subscription[Symbol.asyncIterator]()];
      };
      afterEach(async () => {
        await Promise.all(open.splice(0).map((subscription) => subscription.close()));
      });

      it('catches up, goes live, ends on close, and resumes after a checkpoint without loss or duplicates', async () => {
        const prefix = `sub-${randomUUID()}-`;
        const filter = { streamNamePrefixes: [prefix] };
        const marker = await store.appendToStream(newStream('marker'), newEvents(1));
        const appendMine = async (stream: string, count: number): Promise<EventToAppend[]> => {
          const events = newEvents(count);
          await store.appendToStream(`${prefix}${stream}`, events);
          await store.appendToStream(newStream('not-mine'), newEvents(1));
          return events;
        };
        const caughtUp = [...(await appendMine('a', 2)), ...(await appendMine('b', 1)), ...(await appendMine('a', 1))];

        const [first, firstEvents] = subscribe({ fromPosition: marker.position, filter });
        const seen = await take(firstEvents, caughtUp.length);
        expect(idsOf(seen)).toEqual(idsOf(caughtUp));
        const live = await appendMine('b', 2);
        seen.push(...(await take(firstEvents, live.length)));
        expect(idsOf(seen.slice(caughtUp.length))).toEqual(idsOf(live));
        expect(seen.every((event) => event.stream.startsWith(prefix))).toBe(true);
        expectStrictlyIncreasing(seen.map((event) => event.position));

        const waiting = firstEvents.next();
        await first.close();
        expect((await waiting).done).toBe(true);

        const checkpoint = seen[2].position;
        const [, resumed] = subscribe({ fromPosition: checkpoint, filter });
        expect(idsOf(await take(resumed, seen.length - 3))).toEqual(idsOf(seen.slice(3)));
        const later = await appendMine('c', 1);
        expect(idsOf(await take(resumed, 1))).toEqual(idsOf(later));
      });

      it('from the start delivers only the filtered streams', async () => {
        const prefix = `start-${randomUUID()}-`;
        const events = newEvents(3);
        await store.appendToStream(`${prefix}1`, events.slice(0, 2));
        await store.appendToStream(newStream('not-mine'), newEvents(1));
        await store.appendToStream(`${prefix}2`, events.slice(2));
        const [, subscribed] = subscribe({ filter: { streamNamePrefixes: [`${prefix}`] } });
        expect(idsOf(await take(subscribed, 3))).toEqual(idsOf(events));
      });

      it(`stress: ${STRESS.writers} writers × ${STRESS.appendsPerWriter} appends over ${STRESS.streams} streams, seen live exactly once, each stream in order`, async () => {
        const prefix = `stress-${randomUUID()}-`;
        const marker = await store.appendToStream(newStream('marker'), newEvents(1));
        const [, subscribed] = subscribe({ fromPosition: marker.position, filter: { streamNamePrefixes: [prefix] } });
        const total = STRESS.writers * STRESS.appendsPerWriter;
        const received = take(subscribed, total);

        const appendedIds = new Set<string>();
        await Promise.all(
          Array.from({ length: STRESS.writers }, async (_, writer) => {
            for (let append = 0; append < STRESS.appendsPerWriter; append += 1) {
              const [event] = newEvents(1, `Writer${writer}`);
              appendedIds.add(event.id.toLowerCase());
              await store.appendToStream(`${prefix}${(writer * 7 + append) % STRESS.streams}`, [event]);
            }
          }),
        );
        const seen = await received;

        expect(new Set(idsOf(seen)).size).toBe(total);
        expect(idsOf(seen).every((id) => appendedIds.has(id))).toBe(true);
        expectStrictlyIncreasing(seen.map((event) => event.position));
        const revisionsByStream = new Map<string, bigint[]>();
        for (const event of seen) revisionsByStream.set(event.stream, [...(revisionsByStream.get(event.stream) ?? []), event.revision]);
        expect(revisionsByStream.size).toBe(STRESS.streams);
        for (const revisions of revisionsByStream.values()) expect(revisions).toEqual(revisions.map((_, index) => BigInt(index)));
      }, 60_000);
    });
  });
}
