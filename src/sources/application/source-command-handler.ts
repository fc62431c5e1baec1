import { Injectable, Optional } from '@nestjs/common';
import { Clock, systemClock } from '../../common/clock.js';
import { lastHash, sealEvents } from '../../event-store/envelope.js';
import { WrongExpectedVersion } from '../../event-store/event-store.errors.js';
import { EventStore } from '../../event-store/event-store.port.js';
import { sourceStream } from '../../event-store/stream-names.js';
import { IdempotencyKeyReused } from '../../common/commands/application-errors.js';
import { retryingLostRaces } from '../../common/commands/append-races.js';
import { type CommandContext, envelopeOf, eventIdOf } from '../../common/commands/command-context.js';
import type { SourceCommand } from '../domain/commands.js';
import { decideSource } from '../domain/decide-source.js';
import { evolveSource, initialSourceState } from '../domain/source.js';
import { SourceRegistryLog } from './source-registry-log.js';
import { toSourceEvent, toSourceEventData } from '../stored-events/source-events.js';

/** What a registry write returns (SPEC §6.1): revision and position as decimal strings. */
export interface SourceCommandResult {
  readonly sourceId: string;
  readonly revision: string;
  readonly position: string;
}

/** A command as the API builds it; the handler adds the registry it is decided against. */
export type SourceCommandInput = Omit<SourceCommand, 'metadata'>;

/**
 * Read → fold → decide → append, as for incidents: the source's stream is folded with the domain's
 * `evolveSource` and the command decided against the registry read from the store (names and
 * aliases are unique across sources). A lost race is re-read and re-decided (`retryingLostRaces`)
 * unless If-Match pinned the revision (412). Idempotency: event ids derive from the command id, and a command already in
 * the stream is answered from its events.
 */
@Injectable()
export class SourceCommandHandler {
  constructor(
    private readonly store: EventStore,
    private readonly registry: SourceRegistryLog,
    @Optional() private readonly clock: Clock = systemClock,
  ) {}

  /** The last registry command's run: the next one starts after it (`serialized`). */
  private last: Promise<unknown> = Promise.resolve();

  /**
   * Decides and appends registry commands one at a time, each against the registry with every earlier
   * one in it: two sources racing for one name or alias cannot both pass the `SOURCE.NAME_TAKEN`
   * check, which reads the other sources' streams. (One application process; see docs/sources.md.)
   */
  execute(input: SourceCommandInput, context: CommandContext): Promise<SourceCommandResult> {
    const run = this.last.then(() => this.decideAndAppend(input, context));
    this.last = run.catch(() => undefined);
    return run;
  }

  private decideAndAppend(input: SourceCommandInput, context: CommandContext): Promise<SourceCommandResult> {
    const stream = sourceStream(input.data.sourceId);
    return retryingLostRaces(stream, context, async () => {
      const history = await this.store.readStreamIfAny(stream);
      const earlier = history.filter((event) => event.metadata.commandId === context.commandId);
      if (earlier.length > 0) {
        if (earlier[0].metadata.requestHash !== context.requestHash) throw new IdempotencyKeyReused(context.idempotencyKey ?? context.commandId);
        return resultOf(input.data.sourceId, earlier.at(-1)!);
      }
      const last = history.at(-1);
      if (context.expectedRevision !== undefined && context.expectedRevision !== last?.revision) {
        throw new WrongExpectedVersion(stream, context.expectedRevision, last?.revision);
      }
      const state = history.map(toSourceEvent).reduce(evolveSource, initialSourceState);
      const decided = decideSource({ ...input, metadata: { directory: await this.registry.directory() } } as SourceCommand, state);
      if (decided.length === 0) return resultOf(input.data.sourceId, last!);
      const events = sealEvents(
        last ? lastHash([last]) : null,
        decided.map((event, index) => ({ id: eventIdOf(context, stream, index), type: event.type, data: toSourceEventData(event) })),
        envelopeOf(context, this.clock.now(), 1),
      );
      const appended = await this.store.appendToStream(stream, events, { expectedRevision: last?.revision ?? 'no_stream' });
      return { sourceId: input.data.sourceId, revision: appended.nextRevision.toString(), position: appended.position.toString() };
    });
  }
}

const resultOf = (sourceId: string, event: { revision: bigint; position: bigint }): SourceCommandResult => ({
  sourceId,
  revision: event.revision.toString(),
  position: event.position.toString(),
});
