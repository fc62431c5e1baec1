import { Injectable, Optional } from '@nestjs/common';
import { Clock } from '../../common/clock.js';
import { CommandHandler } from '../../common/commands/command-handler.js';
import type { CommandContext } from '../../common/commands/command-context.js';
import { Turns } from '../../common/commands/turns.js';
import { foldStream } from '../../common/commands/folded-stream.js';
import { EventStore } from '../../event-store/event-store.port.js';
import { sourceStream } from '../../event-store/stream-names.js';
import type { SourceCommand } from '../domain/commands.js';
import { decideSource } from '../domain/decide-source.js';
import { evolveSource, initialSourceState, type SourceState } from '../domain/source.js';
import { toSourceEvent } from '../stored-events/source-events.js';
import { SourceRegistryLog } from '../stored-events/source-registry-log.js';

/** What a registry write returns (docs/sources.md): revision and position as decimal strings. */
export interface SourceCommandResult {
  readonly sourceId: string;
  readonly revision: string;
  readonly position: string;
}

/** A command as the API builds it; the handler adds the registry it is decided against. */
export type SourceCommandInput = Omit<SourceCommand, 'metadata'>;

/**
 * Source registry commands through the shared `CommandHandler`: the source's stream is folded with the
 * domain's `evolveSource` and the command decided against the registry read from the store (names and
 * aliases are unique across sources).
 */
@Injectable()
export class SourceCommandHandler {
  private readonly handler: CommandHandler<SourceState>;

  /** `turns`: where registry commands take turns (`Turns`; the app's span every instance on the database); this process's alone when absent. */
  constructor(
    store: EventStore,
    private readonly registry: SourceRegistryLog,
    clock: Clock,
    @Optional() turns?: Turns,
  ) {
    this.handler = new CommandHandler(
      store,
      clock,
      { initial: initialSourceState, read: async (stream) => foldStream(await store.readStreamIfAny(stream), initialSourceState, toSourceEvent, evolveSource) },
      turns,
    );
  }

  /**
   * Decides and appends registry commands one at a time (`turn`), each against the registry with every
   * earlier one in it: two sources racing for one name or alias cannot both pass the
   * `SOURCE.NAME_TAKEN` check, which reads the other sources' streams.
   */
  execute(input: SourceCommandInput, context: CommandContext): Promise<SourceCommandResult> {
    const { sourceId } = input.data;
    return this.handler.handle(
      {
        stream: sourceStream(sourceId),
        turn: 'source-registry',
        request: input,
        prepare: async () => {
          const command = { ...input, metadata: { directory: await this.registry.directory() } } as SourceCommand;
          return { decide: (state) => decideSource(command, state) };
        },
        answer: ({ revision, position }) => ({ sourceId, revision: revision.toString(), position: position.toString() }),
      },
      context,
    );
  }
}
