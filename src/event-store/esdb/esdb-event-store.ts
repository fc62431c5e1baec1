import esdb from '@eventstore/db-client';
import type { EventStoreDBClient, ResolvedEvent } from '@eventstore/db-client';
import {
  EventStore,
  type AppendOptions,
  type AllScan,
  type AppendResult,
  type EventSubscription,
  type EventToAppend,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type ScanAllOptions,
  type SubscribeToAllOptions,
} from '../event-store.port.js';
import { isSystemStream, toClientPosition, toClientRevision, toPortError, toRecordedEvent } from './esdb-mapping.js';
import { EsdbSubscription } from './esdb-subscription.js';

const { BACKWARDS, END, FORWARDS, START, jsonEvent, streamNameFilter } = esdb;

/** `$all` is read in pages of this many records, since system records have to be skipped client-side. */
const PAGE_SIZE = 500;
/** `ping` must answer quickly for `/health`, well before the client's 10 s default deadline. */
const PING_DEADLINE_MS = 2_000;

const startsWithAny = (stream: string, prefixes: readonly string[]): boolean => prefixes.some((prefix) => stream.startsWith(prefix));

/** The event store on EventStoreDB / KurrentDB. See `esdb-mapping.ts` for how positions map. */
export class EsdbEventStore extends EventStore {
  readonly kind = 'eventstoredb';
  private readonly client: EventStoreDBClient;

  /** `connectionString`: e.g. `esdb://localhost:2113?tls=false`. */
  constructor(connectionString: string) {
    super();
    this.client = esdb.EventStoreDBClient.connectionString(connectionString);
  }

  async appendToStream(stream: string, events: readonly EventToAppend[], options: AppendOptions = {}): Promise<AppendResult> {
    const expected = options.expectedRevision ?? 'any';
    const proposed = events.map(({ id, type, data, metadata }) => jsonEvent({ id, type, data, metadata }));
    try {
      const result = await this.client.appendToStream(stream, proposed, { expectedRevision: toClientRevision(expected) });
      if (!result.position) throw new Error(`EventStoreDB returned no position for an append to ${stream}`);
      return { nextRevision: result.nextExpectedRevision, position: result.position.commit };
    } catch (error) {
      throw toPortError(error, { stream, expected });
    }
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const direction = options.direction === 'backwards' ? BACKWARDS : FORWARDS;
    const fromRevision = options.fromRevision ?? (direction === BACKWARDS ? END : START);
    const events = await this.collect(this.client.readStream(stream, { direction, fromRevision, maxCount: options.maxCount }), { stream });
    return events.flatMap((event) => toRecordedEvent(event) ?? []);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const prefixes = options.filter?.streamNamePrefixes;
    return (await this.scan(options.fromPosition ?? 'start', options.maxCount ?? Infinity, (event) => prefixes === undefined || startsWithAny(event.stream, prefixes))).events;
  }

  async scanAll({ fromPosition = 'start', filter }: ScanAllOptions): Promise<AllScan> {
    const types = new Set(filter.eventTypes);
    const { events, last } = await this.scan(fromPosition, Infinity, (event) => types.has(event.type) && startsWithAny(event.stream, filter.streamNamePrefixes));
    return { events, scannedTo: last };
  }

  /**
   * Up to `limit` events of `$all` from `from` (inclusive) that `accepts` (user streams only), and
   * the last position read (without a limit: every accepted event up to it is found). The client
   * reads `$all` unfiltered (only subscriptions take a server-side filter), so the filter applies
   * here, page by page.
   */
  private async scan(from: bigint | 'start', limit: number, accepts: (event: RecordedEvent) => boolean): Promise<{ events: RecordedEvent[]; last: bigint | undefined }> {
    const found: RecordedEvent[] = [];
    // Reads from a position include it, so each page after the first starts with its predecessor's last record.
    let repeated: bigint | undefined;
    let last: bigint | undefined;
    while (found.length < limit) {
      const maxCount = Math.min(limit - found.length, PAGE_SIZE) + (repeated === undefined ? 0 : 1);
      const page = await this.collect(
        this.client.readAll({ direction: FORWARDS, fromPosition: from === 'start' ? START : toClientPosition(from), maxCount }),
      );
      const records = page.flatMap((event) => toRecordedEvent(event) ?? []).filter((event) => event.position !== repeated);
      found.push(...records.filter((event) => !isSystemStream(event.stream) && accepts(event)).slice(0, limit - found.length));
      last = records.at(-1)?.position ?? last;
      if (page.length < maxCount || records.length === 0) break;
      from = repeated = records[records.length - 1].position;
    }
    return { events: found, last };
  }

  subscribeToAll(options: SubscribeToAllOptions = {}): EventSubscription {
    const prefixes = options.filter?.streamNamePrefixes;
    const from = options.fromPosition ?? 'start';
    const source = this.client.subscribeToAll({
      fromPosition: from === 'start' ? START : toClientPosition(from),
      filter: prefixes ? streamNameFilter({ prefixes: [...prefixes] }) : streamNameFilter({ regex: '^[^$]' }),
    });
    const accepts = (event: RecordedEvent): boolean => !isSystemStream(event.stream) && (!prefixes || startsWithAny(event.stream, prefixes));
    return new EsdbSubscription(source, accepts);
  }

  async headPosition(): Promise<bigint> {
    let from: bigint | undefined;
    for (;;) {
      // Backwards reads exclude their starting position, so pages do not overlap.
      const page = await this.collect(
        this.client.readAll({ direction: BACKWARDS, fromPosition: from === undefined ? END : toClientPosition(from), maxCount: PAGE_SIZE }),
      );
      const records = page.flatMap((event) => toRecordedEvent(event) ?? []);
      const last = records.find((event) => !isSystemStream(event.stream));
      if (last) return last.position;
      if (page.length < PAGE_SIZE) return 0n;
      from = records[records.length - 1].position;
    }
  }

  async ping(): Promise<void> {
    await this.collect(this.client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1, deadline: PING_DEADLINE_MS }));
  }

  async close(): Promise<void> {
    await this.client.dispose();
  }

  private async collect(read: AsyncIterable<ResolvedEvent>, context: { stream?: string } = {}): Promise<ResolvedEvent[]> {
    const events: ResolvedEvent[] = [];
    try {
      for await (const event of read) events.push(event);
    } catch (error) {
      throw toPortError(error, context);
    }
    return events;
  }
}
