import { ArgsType } from '@nestjs/graphql';
import { CommandOptionsArgs, IncidentCommandArgs, RecordCommandArgs, withInput } from './command.args.js';
import { AmendIncidentInputType, LifecycleInputType, OpenIncidentInputType } from './incident.inputs.js';
import {
  ArrestsInputType,
  CorrectRecordInputType,
  HostagesInputType,
  HostagesReleasedInputType,
  ReportCasualtiesInputType,
  RetractRecordInputType,
  TimelineNoteInputType,
  VehiclesSeizedInputType,
  WeaponsSeizedInputType,
} from './record.inputs.js';

/** Each mutation's whole argument list, so the global ValidationPipe checks ids, options and input together. */

@ArgsType() export class OpenIncidentArgs extends withInput(CommandOptionsArgs, OpenIncidentInputType) {}
@ArgsType() export class AmendIncidentArgs extends withInput(IncidentCommandArgs, AmendIncidentInputType) {}
@ArgsType() export class LifecycleArgs extends withInput(IncidentCommandArgs, LifecycleInputType, false) {}
@ArgsType() export class ReportCasualtiesArgs extends withInput(IncidentCommandArgs, ReportCasualtiesInputType) {}
@ArgsType() export class HostagesArgs extends withInput(IncidentCommandArgs, HostagesInputType) {}
@ArgsType() export class HostagesReleasedArgs extends withInput(IncidentCommandArgs, HostagesReleasedInputType) {}
@ArgsType() export class VehiclesSeizedArgs extends withInput(IncidentCommandArgs, VehiclesSeizedInputType) {}
@ArgsType() export class WeaponsSeizedArgs extends withInput(IncidentCommandArgs, WeaponsSeizedInputType) {}
@ArgsType() export class ArrestsArgs extends withInput(IncidentCommandArgs, ArrestsInputType) {}
@ArgsType() export class TimelineNoteArgs extends withInput(IncidentCommandArgs, TimelineNoteInputType) {}
@ArgsType() export class CorrectRecordArgs extends withInput(RecordCommandArgs, CorrectRecordInputType) {}
@ArgsType() export class RetractRecordArgs extends withInput(RecordCommandArgs, RetractRecordInputType) {}
