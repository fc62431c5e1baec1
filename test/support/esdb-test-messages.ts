/**
 * Conversions between the test log and the protobuf messages generated into `@eventstore/db-client`
 * itself (its `generated/*_pb` modules, loaded through Node's CommonJS interop), so the test server
 * speaks exactly the wire format the client was built against.
 */
import streamsPb from '@eventstore/db-client/generated/streams_pb.js';
import sharedPb from '@eventstore/db-client/generated/shared_pb.js';
import type { Expected, LoggedEvent, ProposedEvent } from './esdb-test-log.js';

const { ReadResp } = streamsPb;
const { Empty, StreamIdentifier, UUID } = sharedPb;

export const empty = (): InstanceType<typeof Empty> => new Empty();

export const streamNameOf = (identifier: InstanceType<typeof StreamIdentifier> | undefined): string =>
  Buffer.from(identifier?.getStreamName_asU8() ?? new Uint8Array()).toString('utf8');

export const streamIdentifier = (stream: string): InstanceType<typeof StreamIdentifier> =>
  new StreamIdentifier().setStreamName(Uint8Array.from(Buffer.from(stream, 'utf8')));

interface ProposedMessage {
  getId(): InstanceType<typeof UUID> | undefined;
  getMetadataMap(): { get(key: string): string | undefined };
  getData_asU8(): Uint8Array;
  getCustomMetadata_asU8(): Uint8Array;
}

/** Both append paths carry the same proposed-message shape. */
export function toProposed(message: ProposedMessage): ProposedEvent {
  const metadata = message.getMetadataMap();
  return {
    id: message.getId()?.getString() ?? '',
    type: metadata.get('type') ?? '',
    contentType: metadata.get('content-type') ?? 'application/octet-stream',
    data: message.getData_asU8(),
    metadata: message.getCustomMetadata_asU8(),
  };
}

/** `expectedCase` is the generated oneof case, numbered alike in `AppendReq` and `BatchAppendReq` options. */
export function toExpected(expectedCase: number, revision: string): Expected {
  switch (expectedCase) {
    case 2: return { kind: 'revision', revision: BigInt(revision) };
    case 3: return { kind: 'no_stream' };
    case 5: return { kind: 'stream_exists' };
    default: return { kind: 'any' };
  }
}

export function readEventResponse(event: LoggedEvent): InstanceType<typeof ReadResp> {
  const position = event.position.toString();
  const recorded = new ReadResp.ReadEvent.RecordedEvent()
    .setId(new UUID().setString(event.id))
    .setStreamIdentifier(streamIdentifier(event.stream))
    .setStreamRevision(event.revision.toString())
    .setCommitPosition(position)
    .setPreparePosition(position)
    .setData(event.data)
    .setCustomMetadata(event.metadata);
  recorded.getMetadataMap()
    .set('type', event.type)
    .set('content-type', event.contentType)
    .set('created', event.createdTicks.toString());
  return new ReadResp().setEvent(new ReadResp.ReadEvent().setEvent(recorded).setCommitPosition(position));
}

export const checkpointResponse = (position: bigint): InstanceType<typeof ReadResp> =>
  new ReadResp().setCheckpoint(new ReadResp.Checkpoint().setCommitPosition(position.toString()).setPreparePosition(position.toString()));
