import { Injectable, Optional } from '@nestjs/common';
import { ActorStreams, requireActorsExist } from '../../actors/application/actor-streams.js';
import { Clock } from '../../common/clock.js';
import { CommandHandler, type Decision } from '../../common/commands/command-handler.js';
import { EventStore } from '../../event-store/event-store.port.js';
import { incidentStream } from '../../event-store/stream-names.js';
import type { IncidentCommand, MergedLedgers } from '../domain/commands.js';
import { decide } from '../domain/decide.js';
import { DomainError } from '../domain/domain-error.js';
import type { IncidentEvent } from '../domain/events.js';
import { initialState, type IncidentState } from '../domain/incident.js';
import { SourceRegistryLog } from '../../sources/stored-events/source-registry-log.js';
import type { CommandContext } from '../../common/commands/command-context.js';
import { Turns } from '../../common/commands/turns.js';
import { IncidentHistories } from './incident-histories.js';
import { MergedIncidents, TALLY_COMMANDS } from './merged-incidents.js';
import { otherIncident } from './other-incident.js';
import { schemaVersionOf } from '../stored-events/incident-events.js';

/** What every write returns (docs/api.md): positions and revisions as decimal strings. */
export interface CommandResult {
  readonly incidentId: string;
  readonly recordId?: string;
  readonly revision: string;
  readonly position: string;
}

/** A command as the API builds it; the handler stamps `now`. */
export type IncidentCommandInput = Omit<IncidentCommand, 'metadata'>;

/**
 * Incident commands through the shared `CommandHandler` (read → fold → decide → append, idempotency,
 * If-Match, lost races). What is the incidents' own: `IncidentHistories` keeps recent streams folded, so
 * a command reads only the events since the last one it saw; the actors a command names must exist;
 * links and merges read the other incidents first (`othersOf`); an over-limit figure is named by its
 * registered source (`namedAsRead`).
 */
@Injectable()
export class IncidentCommandHandler {
  private readonly histories: IncidentHistories;
  private readonly handler: CommandHandler<IncidentState>;
  private readonly actors: ActorStreams;
  private readonly merged: MergedIncidents;
  private readonly registry: SourceRegistryLog;

  /**
   * `registry`: the application's registry log (its fold is kept between calls); a handler of its own
   * when absent. `turns`: where merges take turns (`Turns`; the app's span every instance on the
   * database); this process's alone when absent.
   */
  constructor(
    store: EventStore,
    clock: Clock,
    @Optional() registry?: SourceRegistryLog,
    @Optional() turns?: Turns,
  ) {
    this.histories = new IncidentHistories(store);
    this.handler = new CommandHandler(store, clock, { initial: initialState, read: (stream) => this.histories.read(stream), schemaVersionOf }, turns);
    this.actors = new ActorStreams(store);
    this.merged = new MergedIncidents(store, this.histories);
    this.registry = registry ?? new SourceRegistryLog(store);
  }

  /** Handles the command; merges one at a time (`turn`), as each is decided against other incidents' streams. */
  async execute(input: IncidentCommandInput, context: CommandContext): Promise<CommandResult> {
    await requireActorsExist(this.actors, input);
    return this.handler.handle(
      {
        stream: incidentStream(input.data.incidentId),
        turn: input.type === 'MergeIncident' ? 'incident-merges' : undefined,
        request: input,
        prepare: () => this.decisionOn(input),
        // A repeat answers with its last event's ids; anything else with the command's.
        answer: ({ revision, position, data }) => resultOf(data ?? input.data, revision, position),
      },
      context,
    );
  }

  /** The domain's `decide`, with what the command needs of other incidents read first (`othersOf`). */
  private async decisionOn(input: IncidentCommandInput): Promise<Decision<IncidentState, IncidentEvent>> {
    const others = await this.othersOf(input);
    const commandAt = (now: Date) => ({ ...input, ...others, metadata: { now } }) as IncidentCommand;
    return {
      decide: (state, now) => decide(commandAt(now), state),
      refused: (error, state, now) => this.namedAsRead(error, commandAt(now), state),
    };
  }

  /**
   * What a command needs of other incidents' streams, read on each attempt: the incident a link or
   * merge names; for a merge or a command changing the tally, the incidents merged into this one
   * (and for a merge, the survivor's ledger and those merged into it), as docs/merge.md counts them.
   */
  private async othersOf({ type, data }: IncidentCommandInput): Promise<{ other?: unknown; merged?: MergedLedgers; survivor?: unknown }> {
    if (type === 'LinkIncident' && 'otherIncidentId' in data) return { other: await otherIncident(this.histories, data.otherIncidentId) };
    if (type === 'MergeIncident' && 'into' in data) {
      const other = await otherIncident(this.histories, data.into);
      const survivorId = other.path.at(-1)!;
      const records = (await this.histories.read(incidentStream(survivorId)))?.state.records ?? new Map();
      return { other, merged: await this.merged.into(data.incidentId), survivor: { records, merged: await this.merged.into(survivorId) } };
    }
    return TALLY_COMMANDS.has(type) ? { merged: await this.merged.into(data.incidentId) } : {};
  }

  /**
   * A figure over the limit (`TALLY.LIMIT_EXCEEDED`) named as reads name it, by its registered source:
   * decided again with the registry, which is read only then. Any other error as it is.
   */
  private async namedAsRead(error: unknown, command: IncidentCommand, state: IncidentState): Promise<unknown> {
    if (!(error instanceof DomainError) || error.code !== 'TALLY.LIMIT_EXCEEDED') return error;
    const sources = await this.registry.directory();
    try {
      decide({ ...command, metadata: { ...command.metadata, sources } }, state);
    } catch (named) {
      return named;
    }
    return error;
  }
}

function resultOf(data: { readonly [key: string]: unknown }, revision: bigint, position: bigint): CommandResult {
  return {
    incidentId: String(data.incidentId),
    ...(typeof data.recordId === 'string' ? { recordId: data.recordId } : {}),
    revision: revision.toString(),
    position: position.toString(),
  };
}
