import { ArgsType } from '@nestjs/graphql';
import { DEFAULT_DUPLICATES } from '../../read-models/incident-links/duplicate-candidates.queries.js';
import { PageSize } from '../inputs/input-fields.js';
import { LinkIncidentDto, MergeIncidentDto } from '../inputs/incident.inputs.js';
import { IncidentCommandArgs, withInput } from './command.args.js';

@ArgsType() export class LinkIncidentsArgs extends withInput(IncidentCommandArgs, LinkIncidentDto) {}
@ArgsType() export class MergeIncidentArgs extends withInput(IncidentCommandArgs, MergeIncidentDto) {}

@ArgsType()
export class DuplicateCandidatesArgs {
  @PageSize('How many candidates, best first (default 10)', DEFAULT_DUPLICATES)
  first?: number | null;
}
