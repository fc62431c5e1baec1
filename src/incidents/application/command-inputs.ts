import type { RecordCommand } from '../domain/commands.js';
import type { DatePrecision, IncidentFields, Location, RecordBase } from '../domain/events.js';
import { DEFAULT_DATE_PRECISION, defaultGeoPrecision } from '../domain/precision.js';
import { type CommandContext, derivedId } from './command-context.js';
import type { IncidentCommandInput } from './incident-command-handler.js';

/**
 * From API inputs (REST bodies, GraphQL inputs: already validated, optional fields absent) to commands.
 * The defaults and server-assigned ids live here once, so both transports decide the same command.
 */

export type LocationInput = Omit<Location, 'admin2' | 'place' | 'geoPrecision'> & Partial<Pick<Location, 'admin2' | 'place' | 'geoPrecision'>>;

export type OpenIncidentInput = Omit<IncidentFields, 'location' | 'description' | 'tags' | 'datePrecision'> & {
  readonly incidentId?: string;
  readonly datePrecision?: DatePrecision;
  readonly location: LocationInput;
  readonly description?: string;
  readonly tags?: readonly string[];
};

export type AmendIncidentInput = Partial<Omit<OpenIncidentInput, 'incidentId'>>;

/** What every record and note input carries: `recordId` and `datePrecision` optional. */
export type RecordInput = Omit<RecordBase, 'incidentId' | 'recordId' | 'datePrecision'> & {
  readonly recordId?: string;
  readonly datePrecision?: DatePrecision;
};

const locationOf = (input: LocationInput): Location => ({ admin2: '', place: '', ...input, geoPrecision: input.geoPrecision ?? defaultGeoPrecision(input) });

export function openIncidentCommand(input: OpenIncidentInput, context: CommandContext): IncidentCommandInput {
  const { incidentId, location, description, tags, datePrecision, ...fields } = input;
  const data = {
    ...fields,
    datePrecision: datePrecision ?? DEFAULT_DATE_PRECISION,
    incidentId: incidentId ?? derivedId(context, 'incident'),
    location: locationOf(location),
    description: description ?? '',
    tags: tags ?? [],
  };
  return { type: 'OpenIncident', data };
}

export function amendIncidentCommand(incidentId: string, input: AmendIncidentInput): IncidentCommandInput {
  const { location, ...fields } = input;
  return { type: 'AmendIncident', data: { ...fields, incidentId, ...(location ? { location: locationOf(location) } : {}) } };
}

/** A record command with the record id assigned (from the command id) when the client sent none. */
export function recordCommand<Type extends RecordCommand['type']>(
  type: Type,
  incidentId: string,
  input: RecordInput & Omit<Extract<RecordCommand, { type: Type }>['data'], keyof RecordBase>,
  context: CommandContext,
): IncidentCommandInput {
  const { recordId, datePrecision, ...rest } = input;
  const data = { ...rest, incidentId, recordId: recordId ?? derivedId(context, 'record'), datePrecision: datePrecision ?? DEFAULT_DATE_PRECISION };
  return { type, data } as IncidentCommandInput;
}
