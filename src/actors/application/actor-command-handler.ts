import { Injectable, Optional } from '@nestjs/common';
import { Clock, systemClock } from '../../common/clock.js';
import { lastHash, sealEvents } from '../../event-store/envelope.js';
import { WrongExpectedVersion } from '../../event-store/event-store.errors.js';
import { EventStore, type JsonObject, type RecordedEvent } from '../../event-store/event-store.port.js';
import { actorStream } from '../../event-store/stream-names.js';
import { IdempotencyKeyReused } from '../../common/commands/application-errors.js';
import { retryingLostRaces } from '../../common/commands/append-races.js';
import { type CommandContext, envelopeOf, eventIdOf } from '../../common/commands/command-context.js';
import type { ActorCommand } from '../domain/actor-events.js';
import { decideActor } from '../domain/decide-actor.js';
import { actorStateOf, ActorStreams, readActorStream } from './actor-streams.js';

/** What every actor write returns (SPEC §6.2): revision and position as decimal strings. */
export interface ActorCommandResult {
  readonly actorId: string;
  readonly revision: string;
  readonly position: string;
}

/** A command as the API builds it, before the handler resolves the actors it names. */
export type ActorCommandInput = Pick<ActorCommand, 'type' | 'data'>;

/**
 * Read → fold → decide → append for the actor registry, as `IncidentCommandHandler` does for
 * incidents (actor streams are short: each command reads its stream whole). Actors a command names
 * (a parent, a merge target) are resolved from their own streams before deciding.
 */
@Injectable()
export class ActorCommandHandler {
  private readonly streams: ActorStreams;

  constructor(
    private readonly store: EventStore,
    @Optional() private readonly clock: Clock = systemClock,
  ) {
    this.streams = new ActorStreams(store);
  }

  async execute(input: ActorCommandInput, context: CommandContext): Promise<ActorCommandResult> {
    const { actorId } = input.data;
    const stream = actorStream(actorId);
    return retryingLostRaces(stream, context, async () => {
      const history = await readActorStream(this.store, actorId);
      const earlier = history.filter((event) => event.metadata.commandId === context.commandId).at(-1);
      if (earlier) {
        if (earlier.metadata.requestHash !== context.requestHash) throw new IdempotencyKeyReused(context.idempotencyKey ?? context.commandId);
        return resultOf(actorId, earlier);
      }
      const last = history.at(-1);
      if (context.expectedRevision !== undefined && context.expectedRevision !== last?.revision) {
        throw new WrongExpectedVersion(stream, context.expectedRevision, last?.revision);
      }
      const now = this.clock.now();
      const decided = decideActor(await this.withRefs(input), actorStateOf(history));
      const events = sealEvents(
        last ? lastHash([last]) : null,
        decided.map((event, index) => ({ id: eventIdOf(context, stream, index), type: event.type, data: JSON.parse(JSON.stringify(event.data)) as JsonObject })),
        envelopeOf(context, now, 1),
      );
      if (events.length === 0) return resultOf(actorId, last!);
      const appended = await this.store.appendToStream(stream, events, { expectedRevision: last?.revision ?? 'no_stream' });
      return { actorId, revision: appended.nextRevision.toString(), position: appended.position.toString() };
    });
  }

  private async withRefs(input: ActorCommandInput): Promise<ActorCommand> {
    const command = input as ActorCommand;
    if (command.type === 'RegisterActor' && command.data.parentActorId !== undefined) {
      return { ...command, parent: await this.streams.resolve(command.data.parentActorId) };
    }
    if (command.type === 'MergeActor') return { ...command, target: await this.streams.resolve(command.data.into) };
    return command;
  }
}

const resultOf = (actorId: string, event: RecordedEvent): ActorCommandResult => ({
  actorId,
  revision: event.revision.toString(),
  position: event.position.toString(),
});
