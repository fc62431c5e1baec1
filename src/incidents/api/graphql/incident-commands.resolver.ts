import { Args, Resolver } from '@nestjs/graphql';
import { WriteMutation } from '../../../common/write-mutation.js';
import { CurrentActor, Roles } from '../../../auth/auth.decorators.js';
import { type Actor, WRITE } from '../../../auth/roles.js';
import type { CommandContext } from '../../../common/commands/command-context.js';
import { amendIncidentCommand, openIncidentCommand, recordCommand, type RecordInput } from '../../application/command-inputs.js';
import { type CommandResult, type IncidentCommandInput, IncidentCommandHandler } from '../../application/incident-command-handler.js';
import type { RecordCommand } from '../../domain/commands.js';
import { patchOf, withoutNulls } from '../../../common/absent-nulls.js';
import { type CommandOptionsArgs, CommandResultType, type IncidentCommandArgs, mutationContext } from './command.args.js';
import {
  AmendIncidentArgs,
  ArrestsArgs,
  CorrectRecordArgs,
  HostagesArgs,
  HostagesReleasedArgs,
  LifecycleArgs,
  OpenIncidentArgs,
  ReportCasualtiesArgs,
  RetractRecordArgs,
  TimelineNoteArgs,
  VehiclesSeizedArgs,
  WeaponsSeizedArgs,
} from './mutation.args.js';

/** One mutation per command (docs/api.md), through the same command handler and input mapping as REST. */
@Roles(...WRITE)
@Resolver()
export class IncidentCommandsResolver {
  constructor(private readonly handler: IncidentCommandHandler) {}

  @WriteMutation(() => CommandResultType)
  openIncident(@Args() args: OpenIncidentArgs, @CurrentActor() actor: Actor): Promise<CommandResult> {
    return this.run(actor, args, (context) => openIncidentCommand(withoutNulls(args.input), context));
  }

  @WriteMutation(() => CommandResultType)
  amendIncident(@Args() args: AmendIncidentArgs, @CurrentActor() actor: Actor) {
    return this.run(actor, args, () => amendIncidentCommand(args.incidentId, patchOf(args.input)));
  }

  @WriteMutation(() => CommandResultType)
  closeIncident(@Args() args: LifecycleArgs, @CurrentActor() actor: Actor) {
    return this.run(actor, args, () => ({ type: 'CloseIncident', data: { ...withoutNulls(args.input), incidentId: args.incidentId } }));
  }

  @WriteMutation(() => CommandResultType)
  reopenIncident(@Args() args: LifecycleArgs, @CurrentActor() actor: Actor) {
    return this.run(actor, args, () => ({ type: 'ReopenIncident', data: { ...withoutNulls(args.input), incidentId: args.incidentId } }));
  }

  @WriteMutation(() => CommandResultType)
  reportCasualties(@Args() args: ReportCasualtiesArgs, @CurrentActor() actor: Actor) {
    return this.record(actor, 'ReportCasualties', args);
  }

  @WriteMutation(() => CommandResultType)
  recordHostagesTaken(@Args() args: HostagesArgs, @CurrentActor() actor: Actor) {
    return this.record(actor, 'RecordHostagesTaken', args);
  }

  @WriteMutation(() => CommandResultType)
  recordHostagesReleased(@Args() args: HostagesReleasedArgs, @CurrentActor() actor: Actor) {
    return this.record(actor, 'RecordHostagesReleased', args);
  }

  @WriteMutation(() => CommandResultType)
  recordHostagesKilled(@Args() args: HostagesArgs, @CurrentActor() actor: Actor) {
    return this.record(actor, 'RecordHostagesKilled', args);
  }

  @WriteMutation(() => CommandResultType)
  recordVehiclesSeized(@Args() args: VehiclesSeizedArgs, @CurrentActor() actor: Actor) {
    return this.record(actor, 'RecordVehiclesSeized', args);
  }

  @WriteMutation(() => CommandResultType)
  recordWeaponsSeized(@Args() args: WeaponsSeizedArgs, @CurrentActor() actor: Actor) {
    return this.record(actor, 'RecordWeaponsSeized', args);
  }

  @WriteMutation(() => CommandResultType)
  recordArrests(@Args() args: ArrestsArgs, @CurrentActor() actor: Actor) {
    return this.record(actor, 'RecordArrests', args);
  }

  @WriteMutation(() => CommandResultType)
  addTimelineNote(@Args() args: TimelineNoteArgs, @CurrentActor() actor: Actor) {
    return this.record(actor, 'AddTimelineNote', args);
  }

  @WriteMutation(() => CommandResultType)
  correctRecord(@Args() args: CorrectRecordArgs, @CurrentActor() actor: Actor) {
    const { incidentId, recordId, input } = args;
    return this.run(actor, args, () => ({ type: 'CorrectRecord', data: { ...withoutNulls(input), incidentId, recordId } }));
  }

  @WriteMutation(() => CommandResultType)
  retractRecord(@Args() args: RetractRecordArgs, @CurrentActor() actor: Actor) {
    const { incidentId, recordId, input } = args;
    return this.run(actor, args, () => ({ type: 'RetractRecord', data: { ...withoutNulls(input), incidentId, recordId } }));
  }

  private record(actor: Actor, type: RecordCommand['type'], args: IncidentCommandArgs & { input: object }): Promise<CommandResult> {
    const input = withoutNulls(args.input) as RecordInput & Parameters<typeof recordCommand>[2];
    return this.run(actor, args, (context) => recordCommand(type, args.incidentId, input, context));
  }

  private run(actor: Actor, args: CommandOptionsArgs, command: (context: CommandContext) => IncidentCommandInput): Promise<CommandResult> {
    const context = mutationContext(actor, args);
    return this.handler.execute(command(context), context);
  }
}
