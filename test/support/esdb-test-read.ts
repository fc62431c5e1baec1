/**
 * `Streams.Read`: stream reads, `$all` reads and `$all` subscriptions, with EventStoreDB's rules:
 * - a `$all` read forwards from a position includes the event at that position; backwards it
 *   excludes it (the server treats a backward position as a post-position);
 * - a subscription from a position starts after it; it sends a confirmation first, catches up,
 *   sends `caught_up`, then follows live appends; with a filter it also sends checkpoints every
 *   `checkpointIntervalMultiplier × maxSearchWindow` considered events, so a sparse filter still
 *   lets the client record progress;
 * - filters match stream-name prefixes or a regex, on stream names or event types.
 */
import { randomUUID } from 'node:crypto';
import { status, type ServerWritableStream } from '@grpc/grpc-js';
import streamsPb from '@eventstore/db-client/generated/streams_pb.js';
import type { EsdbTestLog, LoggedEvent } from './esdb-test-log.js';
import { checkpointResponse, readEventResponse, streamIdentifier, streamNameOf } from './esdb-test-messages.js';

type ReadReq = InstanceType<typeof streamsPb.ReadReq>;
type ReadResp = InstanceType<typeof streamsPb.ReadResp>;
type Options = InstanceType<typeof streamsPb.ReadReq.Options>;
const { ReadReq, ReadResp } = streamsPb;

/** The server's default search window when the client asks for none (`count`). */
const DEFAULT_SEARCH_WINDOW = 32;

export function readHandler(log: EsdbTestLog) {
  return (call: ServerWritableStream<ReadReq, ReadResp>): void => {
    const options = call.request.getOptions()!;
    if (options.getStreamOptionCase() === ReadReq.Options.StreamOptionCase.STREAM) {
      if (options.hasSubscription()) {
        call.destroy(Object.assign(new Error('stream subscriptions are not implemented by the test server'), { code: status.UNIMPLEMENTED }));
        return;
      }
      readStream(log, options, call);
    } else if (options.hasSubscription()) {
      subscribeToAll(log, options, call);
    } else {
      readAll(log, options, call);
    }
  };
}

function readStream(log: EsdbTestLog, options: Options, call: ServerWritableStream<ReadReq, ReadResp>): void {
  const streamOptions = options.getStream()!;
  const stream = streamNameOf(streamOptions.getStreamIdentifier());
  const events = log.read(stream);
  if (!events) {
    call.write(new ReadResp().setStreamNotFound(new ReadResp.StreamNotFound().setStreamIdentifier(streamIdentifier(stream))));
    call.end();
    return;
  }
  const backwards = options.getReadDirection() === ReadReq.Options.ReadDirection.BACKWARDS;
  const from = streamOptions.hasRevision() ? BigInt(streamOptions.getRevision()) : undefined;
  const selected = backwards
    ? events.filter((event) => from === undefined || event.revision <= from).reverse()
    : events.filter((event) => from === undefined || event.revision >= from);
  for (const event of selected.slice(0, countOf(options))) call.write(readEventResponse(event));
  call.end();
}

function readAll(log: EsdbTestLog, options: Options, call: ServerWritableStream<ReadReq, ReadResp>): void {
  const allOptions = options.getAll()!;
  const from = allOptions.hasPosition() ? BigInt(allOptions.getPosition()!.getCommitPosition()) : undefined;
  const matches = filterOf(options);
  const backwards = options.getReadDirection() === ReadReq.Options.ReadDirection.BACKWARDS;
  // The log is in position order: a page starts at the first event at or past `from`, and walks from there.
  const start = from === undefined ? (backwards ? log.all.length : 0) : firstAtOrAfter(log.all, from);
  const step = backwards ? -1 : 1;
  let left = countOf(options);
  for (let index = backwards ? start - 1 : start; left > 0 && index >= 0 && index < log.all.length; index += step) {
    if (matches(log.all[index])) {
      call.write(readEventResponse(log.all[index]));
      left--;
    }
  }
  call.end();
}

/** The index of the first of `events` (in position order) at or past `position`. */
function firstAtOrAfter(events: readonly LoggedEvent[], position: bigint): number {
  let [low, high] = [0, events.length];
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (events[middle].position < position) low = middle + 1;
    else high = middle;
  }
  return low;
}

function subscribeToAll(log: EsdbTestLog, options: Options, call: ServerWritableStream<ReadReq, ReadResp>): void {
  const allOptions = options.getAll()!;
  const matches = filterOf(options);
  const filter = options.getFilter();
  const checkpointEvery = filter ? filter.getCheckpointintervalmultiplier() * (filter.getMax() || DEFAULT_SEARCH_WINDOW) : Infinity;
  let considered = 0;
  const deliver = (event: LoggedEvent): void => {
    if (matches(event)) call.write(readEventResponse(event));
    considered += 1;
    if (considered >= checkpointEvery) {
      considered = 0;
      call.write(checkpointResponse(event.position));
    }
  };

  call.write(new ReadResp().setConfirmation(new ReadResp.SubscriptionConfirmation().setSubscriptionId(randomUUID())));
  if (!allOptions.hasEnd()) {
    const after = allOptions.hasPosition() ? BigInt(allOptions.getPosition()!.getCommitPosition()) : -1n;
    for (const event of log.all) if (event.position > after) deliver(event);
  }
  call.write(new ReadResp().setCaughtUp(new ReadResp.CaughtUp()));
  // Catch-up above and registration here run in one synchronous turn, so no append falls between.
  const stop = log.follow(deliver);
  call.on('cancelled', stop);
  call.on('close', stop);
  call.on('error', stop);
}

function countOf(options: Options): number {
  return Math.min(Number(options.getCount()), Number.MAX_SAFE_INTEGER);
}

function filterOf(options: Options): (event: LoggedEvent) => boolean {
  const filter = options.getFilter();
  if (!filter) return () => true;
  const onStreamName = filter.hasStreamIdentifier();
  const expression = onStreamName ? filter.getStreamIdentifier()! : filter.getEventType()!;
  const prefixes = expression.getPrefixList();
  const regex = expression.getRegex() ? new RegExp(expression.getRegex()) : undefined;
  return (event) => {
    const subject = onStreamName ? event.stream : event.type;
    return prefixes.length > 0 ? prefixes.some((prefix) => subject.startsWith(prefix)) : regex?.test(subject) ?? true;
  };
}
