/**
 * The in-memory transaction log behind the wire-level EventStoreDB test server.
 *
 * It follows EventStoreDB's documented behaviour rather than the port's, so that the adapter is
 * tested against the server it will meet:
 * - every event gets a log position (a byte offset, so `$all` positions have gaps); events written
 *   by an append are implicitly committed, so an event's commit and prepare positions are both its
 *   own log position, as EventStoreDB 20+ reports them;
 * - expected-revision checks and idempotency follow the server's `IndexWriter.CheckCommit`:
 *   with `any`/`stream_exists`, an append whose event ids are all already in the stream returns the
 *   earlier result; with an exact revision (or `no_stream`, i.e. -1) behind the stream's head, the
 *   ids must match the events that follow that revision; a partial match is a wrong expected version;
 * - system streams (`$`-prefixed) live in `$all` like any other.
 */

export type Expected =
  | { readonly kind: 'any' }
  | { readonly kind: 'no_stream' }
  | { readonly kind: 'stream_exists' }
  | { readonly kind: 'revision'; readonly revision: bigint };

export interface ProposedEvent {
  readonly id: string;
  readonly type: string;
  readonly contentType: string;
  readonly data: Uint8Array;
  readonly metadata: Uint8Array;
}

export interface LoggedEvent extends ProposedEvent {
  readonly stream: string;
  readonly revision: bigint;
  /** Commit and prepare position alike (see above). */
  readonly position: bigint;
  /** .NET ticks (100 ns) since the Unix epoch, as the server sends `created`. */
  readonly createdTicks: bigint;
}

export type AppendOutcome =
  | { readonly ok: true; readonly revision: bigint | undefined; readonly position: bigint | undefined }
  | { readonly ok: false; readonly current: bigint | undefined };

type Listener = (event: LoggedEvent) => void;

/** Size of a log record's fixed part; only makes positions look like byte offsets. */
const RECORD_HEADER_BYTES = 80n;

export class EsdbTestLog {
  readonly all: LoggedEvent[] = [];
  private readonly streams = new Map<string, LoggedEvent[]>();
  private readonly byId = new Map<string, LoggedEvent>();
  private readonly listeners = new Set<Listener>();
  private nextPosition = 0n;

  constructor() {
    // A fresh EventStoreDB writes a few system records before any user event.
    this.appendSystemEvent('$settings');
    this.appendSystemEvent('$epoch-information');
  }

  /** Writes a system record, as the server does on its own (statistics, settings, scavenges). */
  appendSystemEvent(stream: string): LoggedEvent {
    this.append(stream, { kind: 'any' }, [systemEvent(stream)]);
    return this.all[this.all.length - 1];
  }

  lastRevision(stream: string): bigint | undefined {
    const events = this.streams.get(stream);
    return events?.length ? BigInt(events.length - 1) : undefined;
  }

  read(stream: string): readonly LoggedEvent[] | undefined {
    return this.streams.get(stream);
  }

  append(stream: string, expected: Expected, proposed: readonly ProposedEvent[]): AppendOutcome {
    const current = this.lastRevision(stream);
    const decision = this.check(stream, expected, current, proposed);
    if (decision !== 'write') return decision;
    if (proposed.length === 0) return { ok: true, revision: current, position: undefined };
    const events = this.streams.get(stream) ?? [];
    this.streams.set(stream, events);
    const createdTicks = BigInt(Date.now()) * 10_000n;
    for (const event of proposed) {
      const logged: LoggedEvent = { ...event, stream, revision: BigInt(events.length), position: this.nextPosition, createdTicks };
      this.nextPosition += RECORD_HEADER_BYTES + BigInt(stream.length + event.type.length + event.data.length + event.metadata.length);
      events.push(logged);
      this.all.push(logged);
      this.byId.set(logged.id, logged);
    }
    const last = events[events.length - 1];
    for (const event of events.slice(-proposed.length)) for (const listener of this.listeners) listener(event);
    return { ok: true, revision: last.revision, position: last.position };
  }

  /** Calls `listener` for every event appended from now on, until the returned function is called. */
  follow(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private check(stream: string, expected: Expected, current: bigint | undefined, proposed: readonly ProposedEvent[]): AppendOutcome | 'write' {
    const wrong: AppendOutcome = { ok: false, current };
    if (expected.kind === 'stream_exists' && current === undefined) return wrong;
    if (expected.kind === 'any' || expected.kind === 'stream_exists') {
      const known = proposed.map((event) => this.byId.get(event.id));
      const inStream = known.map((event) => event?.stream === stream);
      if (!inStream[0]) return 'write';
      if (!inStream.every(Boolean)) return wrong;
      const last = known[known.length - 1]!;
      return { ok: true, revision: last.revision, position: last.position };
    }
    const expectedRevision = expected.kind === 'no_stream' ? -1n : expected.revision;
    const head = current ?? -1n;
    if (expectedRevision > head) return wrong;
    if (expectedRevision === head) return 'write';
    if (proposed.length === 0) return wrong;
    const following = this.streams.get(stream)!.slice(Number(expectedRevision + 1n), Number(expectedRevision + 1n) + proposed.length);
    const matches = proposed.every((event, index) => following[index]?.id === event.id);
    if (!matches) return wrong;
    const last = following[following.length - 1];
    return { ok: true, revision: last.revision, position: last.position };
  }
}

export const isSystemStream = (stream: string): boolean => stream.startsWith('$');

function systemEvent(type: string): ProposedEvent {
  return {
    id: crypto.randomUUID(),
    type,
    contentType: 'application/json',
    data: new TextEncoder().encode('{}'),
    metadata: new Uint8Array(),
  };
}
