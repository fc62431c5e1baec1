import { ArgsType } from '@nestjs/graphql';
import { AmendIncidentDto, LifecycleDto, OpenIncidentDto } from '../inputs/incident.inputs.js';
import { ArrestsDto, CasualtiesDto, CorrectionDto, HostagesDto, HostagesReleasedDto, NoteDto, RetractionDto, VehiclesDto, WeaponsDto } from '../inputs/record.inputs.js';
import { CommandOptionsArgs, IncidentCommandArgs, RecordCommandArgs, withInput } from './command.args.js';

/** Each mutation's whole argument list, so the global ValidationPipe checks ids, options and input together. */

@ArgsType() export class OpenIncidentArgs extends withInput(CommandOptionsArgs, OpenIncidentDto) {}
@ArgsType() export class AmendIncidentArgs extends withInput(IncidentCommandArgs, AmendIncidentDto) {}
@ArgsType() export class LifecycleArgs extends withInput(IncidentCommandArgs, LifecycleDto, false) {}
@ArgsType() export class ReportCasualtiesArgs extends withInput(IncidentCommandArgs, CasualtiesDto) {}
@ArgsType() export class HostagesArgs extends withInput(IncidentCommandArgs, HostagesDto) {}
@ArgsType() export class HostagesReleasedArgs extends withInput(IncidentCommandArgs, HostagesReleasedDto) {}
@ArgsType() export class VehiclesSeizedArgs extends withInput(IncidentCommandArgs, VehiclesDto) {}
@ArgsType() export class WeaponsSeizedArgs extends withInput(IncidentCommandArgs, WeaponsDto) {}
@ArgsType() export class ArrestsArgs extends withInput(IncidentCommandArgs, ArrestsDto) {}
@ArgsType() export class TimelineNoteArgs extends withInput(IncidentCommandArgs, NoteDto) {}
@ArgsType() export class CorrectRecordArgs extends withInput(RecordCommandArgs, CorrectionDto) {}
@ArgsType() export class RetractRecordArgs extends withInput(RecordCommandArgs, RetractionDto) {}
