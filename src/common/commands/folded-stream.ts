import type { RecordedEvent } from '../../event-store/event-store.port.js';

/**
 * What a repeat of a command is checked against and answered with: the request hash its first event
 * recorded (every event of one command carries the same) and its last event (the parts an answer needs).
 */
export type EarlierCommand = { readonly requestHash: unknown; last: Pick<RecordedEvent, 'data' | 'revision' | 'position'> };

/** A stream as a command is decided on it: folded up to its last event. */
export interface FoldedStream<State> {
  readonly state: State;
  readonly last: RecordedEvent;
  /** Every command in the stream, by command id (to answer repeats). */
  readonly commands: ReadonlyMap<string, Readonly<EarlierCommand>>;
}

/** Notes `event` under its command id in `commands`: the first event's request hash, the last event's revision and position. */
export function rememberCommand(commands: Map<string, EarlierCommand>, event: RecordedEvent): void {
  const commandId = event.metadata.commandId;
  if (typeof commandId !== 'string') return;
  // Not the whole event: a kept stream holds one of these per command.
  const last = { data: event.data, revision: event.revision, position: event.position };
  const earlier = commands.get(commandId);
  if (earlier) earlier.last = last;
  else commands.set(commandId, { requestHash: event.metadata.requestHash, last });
}

/** `events` (a whole stream, in order) folded with `evolve` from `initial`; `undefined` for a stream with no events. */
export function foldStream<State, Event>(
  events: readonly RecordedEvent[],
  initial: State,
  toEvent: (event: RecordedEvent) => Event,
  evolve: (state: State, event: Event) => State,
): FoldedStream<State> | undefined {
  const commands = new Map<string, EarlierCommand>();
  let state = initial;
  for (const event of events) {
    state = evolve(state, toEvent(event));
    rememberCommand(commands, event);
  }
  return events.length === 0 ? undefined : { state, last: events.at(-1)!, commands };
}
