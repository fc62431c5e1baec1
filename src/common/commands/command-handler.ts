import type { Clock } from '../clock.js';
import { lastHash, sealEvents, storedData } from '../../event-store/envelope.js';
import { WrongExpectedVersion } from '../../event-store/event-store.errors.js';
import type { EventStore, JsonObject, RecordedEvent } from '../../event-store/event-store.port.js';
import { retryingLostRaces } from './append-races.js';
import { LocalTurns, type Turns } from './turns.js';
import { IdempotencyKeyReused } from './application-errors.js';
import { type CommandContext, envelopeOf, eventIdOf, requestHashOf } from './command-context.js';
import type { FoldedStream } from './folded-stream.js';

/** Where a command's answer stands in the store: the stream's revision and `$all` position after it. */
export type AnswerPoint = Pick<RecordedEvent, 'revision' | 'position'> & { readonly data?: JsonObject };

/** A pure decision, with what it needs of other streams already read: `decide` runs in the same tick as the stream's read. */
export interface Decision<State, Event> {
  decide(state: State, now: Date): readonly Event[];
  /** The error to answer with when `decide` throws (e.g. the refusal named with more data); the thrown one when absent. */
  refused?(error: unknown, state: State, now: Date): Promise<unknown>;
}

/** One command on one stream, as a feature hands it to `CommandHandler.handle`. */
export interface StreamCommand<State, Event, Result> {
  readonly stream: string;
  /**
   * Set for a command decided against other streams that its append does not guard (a merge): such
   * commands of one `turn` are decided one after the other (`Turns`).
   */
  readonly turn?: string;
  /** The command as the transport built it (type and data): its fingerprint (`requestHashOf`) tells a repeat from a reused key. */
  readonly request: object;
  /** Reads what the decision needs beyond the stream (other streams, the registry): on every attempt, before the stream. */
  prepare(): Promise<Decision<State, Event>>;
  /**
   * The answer at `at`: a repeat's last event (with its `data`), the append's result, or the stream's
   * last revision and position when the command changed nothing (both without `data`).
   */
  answer(at: AnswerPoint): Result;
}

/** How a feature reads and folds its streams, and at which schema version it writes each event type. */
export interface StreamFolding<State> {
  readonly initial: State;
  read(stream: string): Promise<FoldedStream<State> | undefined>;
  schemaVersionOf?(type: string): number;
}

/**
 * Read → fold → decide → seal → append, the one write path of every stream kind (incidents, actors,
 * sources), as emmett's `CommandHandler`. Idempotency: event ids derive from the command id, and a
 * command already in the stream is answered from its recorded events without deciding again (a reused
 * `Idempotency-Key` with another request: `IdempotencyKeyReused`, 422). `If-Match` pins the revision
 * (`WrongExpectedVersion`, 412); without it a lost append race is re-read and re-decided
 * (`retryingLostRaces`, `ConcurrencyConflict` 409 after 50). Decisions that change nothing append nothing.
 */
export class CommandHandler<State> {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
    private readonly folding: StreamFolding<State>,
    /** Where commands with a `turn` take it; this process's alone by default (the app's span its instances). */
    private readonly turns: Turns = new LocalTurns(),
  ) {}

  handle<Event extends { readonly type: string; readonly data: object }, Result>(command: StreamCommand<State, Event, Result>, context: CommandContext): Promise<Result> {
    const requestHash = requestHashOf(command.request);
    const handle = () => retryingLostRaces(command.stream, context, () => this.attempt(command, context, requestHash));
    return command.turn === undefined ? handle() : this.turns.take(command.turn, handle);
  }

  /** One attempt; a lost race throws `WrongExpectedVersion`. */
  private async attempt<Event extends { readonly type: string; readonly data: object }, Result>(
    command: StreamCommand<State, Event, Result>,
    context: CommandContext,
    requestHash: string,
  ): Promise<Result> {
    const { stream } = command;
    const decision = await command.prepare();
    // From the read to the decision nothing may wait: a concurrent read could fold more into a kept stream.
    const history = await this.folding.read(stream);
    const earlier = history?.commands.get(context.commandId);
    if (earlier) {
      if (earlier.requestHash !== requestHash) throw new IdempotencyKeyReused(context.idempotencyKey ?? context.commandId);
      return command.answer(earlier.last);
    }
    const revision = history?.last.revision;
    if (context.expectedRevision !== undefined && context.expectedRevision !== revision) {
      throw new WrongExpectedVersion(stream, context.expectedRevision, revision);
    }
    const now = this.clock.now();
    const state = history?.state ?? this.folding.initial;
    let decided: readonly Event[];
    try {
      decided = decision.decide(state, now);
    } catch (error) {
      throw decision.refused ? await decision.refused(error, state, now) : error;
    }
    if (decided.length === 0) return command.answer({ revision: history!.last.revision, position: history!.last.position });
    const schemaVersionOf = this.folding.schemaVersionOf ?? (() => 1);
    const events = sealEvents(
      history ? lastHash([history.last]) : null,
      decided.map((event, index) => ({ id: eventIdOf(context, requestHash, stream, index), type: event.type, data: storedData(event) })),
      ({ type }) => envelopeOf(context, requestHash, now, schemaVersionOf(type)),
    );
    const appended = await this.store.appendToStream(stream, events, { expectedRevision: revision ?? 'no_stream' });
    return command.answer({ revision: appended.nextRevision, position: appended.position });
  }
}
