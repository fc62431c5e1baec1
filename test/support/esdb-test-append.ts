/**
 * `Streams.Append` (client stream: options, then proposed messages) and `Streams.BatchAppend`
 * (bidirectional: chunks grouped by correlation id, answered when the final chunk arrives), both
 * writing to the same test log and answering as EventStoreDB does: a wrong expected version is an
 * `AppendResp.WrongExpectedVersion` on the plain path and a `google.rpc.Status` carrying a packed
 * `event_store.client.WrongExpectedVersion` on the batch path.
 */
import type { sendUnaryData, ServerDuplexStream, ServerReadableStream } from '@grpc/grpc-js';
import streamsPb from '@eventstore/db-client/generated/streams_pb.js';
import sharedPb from '@eventstore/db-client/generated/shared_pb.js';
import statusPb from '@eventstore/db-client/generated/status_pb.js';
import codePb from '@eventstore/db-client/generated/code_pb.js';
import anyPb from 'google-protobuf/google/protobuf/any_pb.js';
import emptyPb from 'google-protobuf/google/protobuf/empty_pb.js';
import type { AppendOutcome, EsdbTestLog, Expected, ProposedEvent } from './esdb-test-log.js';
import { empty, streamIdentifier, streamNameOf, toExpected, toProposed } from './esdb-test-messages.js';

type AppendReq = InstanceType<typeof streamsPb.AppendReq>;
type AppendResp = InstanceType<typeof streamsPb.AppendResp>;
type BatchAppendReq = InstanceType<typeof streamsPb.BatchAppendReq>;
type BatchAppendResp = InstanceType<typeof streamsPb.BatchAppendResp>;
const { AppendResp, BatchAppendResp } = streamsPb;
/** `BatchAppend` messages use `google.protobuf.Empty`, where `Append` uses the client's own `Empty`. */
const { Empty } = emptyPb;

export function appendHandler(log: EsdbTestLog) {
  return (call: ServerReadableStream<AppendReq, AppendResp>, callback: sendUnaryData<AppendResp>): void => {
    let stream = '';
    let expected: Expected = { kind: 'any' };
    const events: ProposedEvent[] = [];
    call.on('data', (request: AppendReq) => {
      const options = request.getOptions();
      const proposed = request.getProposedMessage();
      if (options) {
        stream = streamNameOf(options.getStreamIdentifier());
        expected = toExpected(options.getExpectedStreamRevisionCase(), options.getRevision());
      } else if (proposed) {
        events.push(toProposed(proposed));
      }
    });
    call.on('end', () => callback(null, appendResponse(log.append(stream, expected, events), expected)));
    call.on('error', () => undefined);
  };
}

function appendResponse(outcome: AppendOutcome, expected: Expected): AppendResp {
  if (!outcome.ok) {
    const wrong = new AppendResp.WrongExpectedVersion();
    if (outcome.current === undefined) wrong.setCurrentNoStream(empty());
    else wrong.setCurrentRevision(outcome.current.toString());
    if (expected.kind === 'revision') wrong.setExpectedRevision(expected.revision.toString());
    else if (expected.kind === 'no_stream') wrong.setExpectedNoStream(empty());
    else if (expected.kind === 'stream_exists') wrong.setExpectedStreamExists(empty());
    else wrong.setExpectedAny(empty());
    return new AppendResp().setWrongExpectedVersion(wrong);
  }
  const success = new AppendResp.Success();
  if (outcome.revision === undefined) success.setNoStream(empty());
  else success.setCurrentRevision(outcome.revision.toString());
  if (outcome.position === undefined) success.setNoPosition(empty());
  else success.setPosition(new AppendResp.Position().setCommitPosition(outcome.position.toString()).setPreparePosition(outcome.position.toString()));
  return new AppendResp().setSuccess(success);
}

export function batchAppendHandler(log: EsdbTestLog) {
  return (call: ServerDuplexStream<BatchAppendReq, BatchAppendResp>): void => {
    const pending = new Map<string, { request: BatchAppendReq; events: ProposedEvent[] }>();
    call.on('data', (request: BatchAppendReq) => {
      const correlation = request.getCorrelationId()?.getString() ?? '';
      const batch = pending.get(correlation) ?? { request, events: [] };
      pending.set(correlation, batch);
      batch.events.push(...request.getProposedMessagesList().map(toProposed));
      if (!request.getIsFinal()) return;
      pending.delete(correlation);
      call.write(batchAppendResponse(log, batch.request, batch.events));
    });
    call.on('end', () => call.end());
    call.on('error', () => undefined);
  };
}

function batchAppendResponse(log: EsdbTestLog, first: BatchAppendReq, events: ProposedEvent[]): BatchAppendResp {
  const options = first.getOptions()!;
  const stream = streamNameOf(options.getStreamIdentifier());
  const expected = toExpected(options.getExpectedStreamPositionCase(), options.getStreamPosition());
  const outcome = log.append(stream, expected, events);
  const response = new BatchAppendResp().setCorrelationId(first.getCorrelationId()).setStreamIdentifier(streamIdentifier(stream));
  if (expected.kind === 'revision') response.setStreamPosition(expected.revision.toString());
  if (!outcome.ok) {
    const wrong = new sharedPb.WrongExpectedVersion();
    if (outcome.current === undefined) wrong.setCurrentNoStream(new Empty());
    else wrong.setCurrentStreamRevision(outcome.current.toString());
    if (expected.kind === 'revision') wrong.setExpectedStreamPosition(expected.revision.toString());
    else if (expected.kind === 'no_stream') wrong.setExpectedNoStream(new Empty());
    else if (expected.kind === 'stream_exists') wrong.setExpectedStreamExists(new Empty());
    else wrong.setExpectedAny(new Empty());
    const details = new anyPb.Any();
    details.pack(wrong.serializeBinary(), 'event_store.client.WrongExpectedVersion');
    return response.setError(new statusPb.Status().setCode(codePb.Code.FAILED_PRECONDITION).setMessage('Wrong expected version').setDetails(details));
  }
  const success = new BatchAppendResp.Success();
  if (outcome.revision === undefined) success.setNoStream(new Empty());
  else success.setCurrentRevision(outcome.revision.toString());
  if (outcome.position === undefined) success.setNoPosition(new Empty());
  else success.setPosition(new sharedPb.AllStreamPosition().setCommitPosition(outcome.position.toString()).setPreparePosition(outcome.position.toString()));
  return response.setSuccess(success);
}
