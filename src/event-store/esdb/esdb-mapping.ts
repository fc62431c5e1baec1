/**
 * Translation between `@eventstore/db-client` values and the port's. With `esdb-event-store.ts` and
 * `esdb-subscription.ts`, this folder is the only code that imports the client, so moving to
 * `@kurrent/kurrentdb-client` (same protocol, same shapes) stays a change inside this folder.
 *
 * Positions. EventStoreDB addresses `$all` with a {commit, prepare} pair of transaction-log byte
 * offsets, ordered by commit then prepare. Every append made through gRPC is an implicit
 * transaction whose events are committed by their own prepare records, and the server reports each
 * such event at `(p, p)`, `p` being the event's own log position (`AllReader` builds
 * `CommitEventRecord(event, event.LogPosition)`; an append's result is the commit position of its
 * last event, reported as both numbers). So for every event this application can write, commit ==
 * prepare, the commit position alone is strictly increasing in `$all` order, and `(p, p)` is exactly
 * the pair the server expects back: reads forwards from it include that event, subscriptions from
 * it start after it, as the port promises. Only the legacy TCP API's explicit transactions (removed
 * in EventStoreDB 24) produce commit != prepare; such events share a commit position and are not
 * supported here.
 */
import esdb from '@eventstore/db-client';
import type { AppendExpectedRevision, Position, ResolvedEvent } from '@eventstore/db-client';
import type { ExpectedRevision, JsonObject, RecordedEvent } from '../event-store.port.js';
import { EventStoreUnavailable, StreamNotFound, WrongExpectedVersion } from '../event-store.errors.js';

const { ANY, NO_STREAM, STREAM_EXISTS, ErrorType, convertToCommandError, isCommandError } = esdb;

export const toClientRevision = (expected: ExpectedRevision): AppendExpectedRevision =>
  expected === 'any' ? ANY : expected === 'no_stream' ? NO_STREAM : expected === 'stream_exists' ? STREAM_EXISTS : expected;

export const toClientPosition = (position: bigint): Position => ({ commit: position, prepare: position });

export const isSystemStream = (stream: string): boolean => stream.startsWith('$');

export function toRecordedEvent({ event, commitPosition }: ResolvedEvent): RecordedEvent | undefined {
  if (!event) return undefined;
  const position = event.position?.commit ?? commitPosition;
  if (position === undefined) throw new Error(`EventStoreDB returned ${event.streamId}@${event.revision} without a position`);
  return {
    id: event.id,
    type: event.type,
    data: event.data as JsonObject,
    metadata: (event.metadata ?? {}) as JsonObject,
    stream: event.streamId,
    revision: event.revision,
    position,
    recordedAt: event.created,
  };
}

/** Client error types that mean the server could not be reached or went away mid-call. */
const UNAVAILABLE_TYPES: ReadonlySet<string> = new Set([
  ErrorType.UNAVAILABLE,
  ErrorType.CANCELLED, // the server cancelled the call, e.g. while shutting down
  ErrorType.DEADLINE_EXCEEDED,
  ErrorType.TIMEOUT,
  ErrorType.NOT_LEADER,
]);

/**
 * The port's error for a client error; anything else is returned unchanged (a bug, not a store state).
 * `expected` is the caller's own expected revision, reported as given rather than as echoed back.
 */
export function toPortError(raw: unknown, context: { stream?: string; expected?: ExpectedRevision } = {}): unknown {
  if (!(raw instanceof Error)) return raw;
  // Some client paths (fetching server features) reject with the raw gRPC error.
  const error = convertToCommandError(raw);
  if (!isCommandError(error)) return raw;
  switch (error.type) {
    case ErrorType.WRONG_EXPECTED_VERSION: {
      const actual = error.actualVersion;
      return new WrongExpectedVersion(context.stream ?? error.streamName, context.expected ?? error.expectedVersion, typeof actual === 'bigint' ? actual : undefined);
    }
    case ErrorType.STREAM_NOT_FOUND:
      return new StreamNotFound(context.stream ?? error.streamName);
    default:
      return UNAVAILABLE_TYPES.has(error.type) ? new EventStoreUnavailable(error.message, { cause: error }) : error;
  }
}
