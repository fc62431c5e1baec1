import { Injectable, Optional } from '@nestjs/common';
import { ActorStreams, requireActorsExist } from '../../actors/application/actor-streams.js';
import { Clock, systemClock } from '../../common/clock.js';
import { lastHash, sealEvents } from '../../event-store/envelope.js';
import { WrongExpectedVersion } from '../../event-store/event-store.errors.js';
import { EventStore } from '../../event-store/event-store.port.js';
import { incidentStream } from '../../event-store/stream-names.js';
import type { IncidentCommand, MergedLedgers } from '../domain/commands.js';
import { decide } from '../domain/decide.js';
import { DomainError } from '../domain/domain-error.js';
import type { IncidentEvent } from '../domain/events.js';
import { initialState, type IncidentState } from '../domain/incident.js';
import { SourceRegistryLog } from '../../sources/application/source-registry-log.js';
import { IdempotencyKeyReused } from '../../common/commands/application-errors.js';
import { retryingLostRaces } from '../../common/commands/append-races.js';
import { type CommandContext, envelopeOf, eventIdOf } from '../../common/commands/command-context.js';
import { type EarlierCommand, IncidentHistories } from './incident-histories.js';
import { MergedIncidents, TALLY_COMMANDS } from './merged-incidents.js';
import { otherIncident } from './other-incident.js';
import { schemaVersionOf, toEventData } from '../stored-events/incident-events.js';

/** What every write returns (SPEC §5): positions and revisions as decimal strings. */
export interface CommandResult {
  readonly incidentId: string;
  readonly recordId?: string;
  readonly revision: string;
  readonly position: string;
}

/** A command as the API builds it; the handler stamps `now`. */
export type IncidentCommandInput = Omit<IncidentCommand, 'metadata'>;

/**
 * Read → fold → decide → append with the revision read; `IncidentHistories` keeps recent streams
 * folded, so a command reads only the events since the last one it saw. A lost race (`WrongExpectedVersion`) is
 * re-read and re-decided, unless the client pinned the revision with If-Match (then it surfaces as 412).
 * Idempotency: event ids derive from the command id, and a command already in the stream is answered
 * from its recorded events without deciding again.
 */
@Injectable()
export class IncidentCommandHandler {
  private readonly histories: IncidentHistories;
  private readonly actors: ActorStreams;
  private readonly merged: MergedIncidents;
  private readonly registry: SourceRegistryLog;

  /** `registry`: the application's registry log (its fold is kept between calls); a handler of its own when absent. */
  constructor(
    private readonly store: EventStore,
    @Optional() private readonly clock: Clock = systemClock,
    @Optional() registry?: SourceRegistryLog,
  ) {
    this.histories = new IncidentHistories(store);
    this.actors = new ActorStreams(store);
    this.merged = new MergedIncidents(store, this.histories);
    this.registry = registry ?? new SourceRegistryLog(store);
  }

  async execute(input: IncidentCommandInput, context: CommandContext): Promise<CommandResult> {
    const stream = incidentStream(input.data.incidentId);
    await requireActorsExist(this.actors, input);
    return retryingLostRaces(stream, context, () => this.attempt(stream, input, context));
  }

  /** One read → fold → decide → append; a lost race throws `WrongExpectedVersion`. */
  private async attempt(stream: string, input: IncidentCommandInput, context: CommandContext): Promise<CommandResult> {
    // Read before the stream's folding: from that read to the decision nothing may wait, or a concurrent read could fold more into it.
    const others = await this.othersOf(input);
    const history = await this.histories.read(stream);
    const earlier = history?.commands.get(context.commandId);
    if (earlier) return this.repeated(earlier, context);
    const revision = history?.last.revision;
    if (context.expectedRevision !== undefined && context.expectedRevision !== revision) {
      throw new WrongExpectedVersion(stream, context.expectedRevision, revision);
    }
    const now = this.clock.now();
    const command = { ...input, ...others, metadata: { now } } as IncidentCommand;
    let decided: IncidentEvent[];
    try {
      decided = decide(command, history?.state ?? initialState);
    } catch (error) {
      throw await this.namedAsRead(error, command, history?.state ?? initialState);
    }
    const events = sealEvents(
      history ? lastHash([history.last]) : null,
      decided.map((event, index) => ({ id: eventIdOf(context, stream, index), type: event.type, data: toEventData(event) })),
      ({ type }) => envelopeOf(context, now, schemaVersionOf(type)),
    );
    // A command that changes nothing (an amendment to the same values) appends nothing.
    if (events.length === 0) return resultOf(input.data, revision!, history!.last.position);
    const appended = await this.store.appendToStream(stream, events, { expectedRevision: revision ?? 'no_stream' });
    return resultOf(input.data, appended.nextRevision, appended.position);
  }

  /**
   * What a command needs of other incidents' streams, read on each attempt: the incident a link or
   * merge names; for a merge or a command changing the tally, the incidents merged into this one
   * (and for a merge, the survivor's ledger and those merged into it), as SPEC §6.2 counts them.
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

  private repeated({ requestHash, last }: Readonly<EarlierCommand>, context: CommandContext): CommandResult {
    if (requestHash !== context.requestHash) throw new IdempotencyKeyReused(context.idempotencyKey ?? context.commandId);
    return resultOf(last.data, last.revision, last.position);
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
