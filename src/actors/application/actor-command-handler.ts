import { Injectable, Optional } from '@nestjs/common';
import { Clock } from '../../common/clock.js';
import { CommandHandler } from '../../common/commands/command-handler.js';
import type { CommandContext } from '../../common/commands/command-context.js';
import { Turns } from '../../common/commands/turns.js';
import { EventStore } from '../../event-store/event-store.port.js';
import { actorStream } from '../../event-store/stream-names.js';
import type { ActorCommand } from '../domain/actor-events.js';
import type { ActorState } from '../domain/actor.js';
import { decideActor } from '../domain/decide-actor.js';
import { ActorStreams, actorFolding } from './actor-streams.js';

/** What every actor write returns (docs/actors.md): revision and position as decimal strings. */
export interface ActorCommandResult {
  readonly actorId: string;
  readonly revision: string;
  readonly position: string;
}

/** A command as the API builds it, before the handler resolves the actors it names. */
export type ActorCommandInput = Pick<ActorCommand, 'type' | 'data'>;

/**
 * Actor registry commands through the shared `CommandHandler` (actor streams are short: each command
 * reads its stream whole). Actors a command names (a parent, a merge target) are resolved from their
 * own streams before deciding.
 */
@Injectable()
export class ActorCommandHandler {
  private readonly streams: ActorStreams;
  private readonly handler: CommandHandler<ActorState>;

  /** `turns`: where merges take turns (`Turns`; the app's span every instance on the database); this process's alone when absent. */
  constructor(
    store: EventStore,
    clock: Clock,
    @Optional() turns?: Turns,
  ) {
    this.streams = new ActorStreams(store);
    this.handler = new CommandHandler(store, clock, actorFolding(store), turns);
  }

  /** Handles the command; merges one at a time (`turn`), as each is decided against the target's stream: two actors merged into each other at once would both pass. */
  execute(input: ActorCommandInput, context: CommandContext): Promise<ActorCommandResult> {
    const { actorId } = input.data;
    return this.handler.handle(
      {
        stream: actorStream(actorId),
        turn: input.type === 'MergeActor' ? 'actor-merges' : undefined,
        request: input,
        prepare: async () => {
          const command = await this.withRefs(input);
          return { decide: (state) => decideActor(command, state) };
        },
        answer: ({ revision, position }) => ({ actorId, revision: revision.toString(), position: position.toString() }),
      },
      context,
    );
  }

  private async withRefs(input: ActorCommandInput): Promise<ActorCommand> {
    const command = input as ActorCommand;
    if (command.type === 'RegisterActor' && command.data.parentActorId !== undefined) {
      return { ...command, parent: await this.streams.resolve(command.data.parentActorId) };
    }
    if (command.type === 'MergeActor') return { ...command, target: await this.streams.resolve(command.data.into) };
    if (command.type === 'AddActorAlias') return { ...command, survivorId: await this.streams.survivorId(command.data.actorId) };
    return command;
  }
}
