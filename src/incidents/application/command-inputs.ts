import { refuseClearing } from '../../common/absent-nulls.js';
import type { AmendIncident, RecordCommand } from '../domain/commands.js';
import type { DatePrecision, IncidentFields, Location, RecordBase } from '../domain/events.js';
import { DEFAULT_DATE_PRECISION, defaultGeoPrecision } from '../domain/precision.js';
import { type CommandContext, derivedId } from '../../common/commands/command-context.js';
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

/** An amendment's fields, as a JSON merge patch: absent stays, `null` clears an optional field. */
export type AmendIncidentInput = { readonly [K in Exclude<keyof OpenIncidentInput, 'incidentId'>]?: OpenIncidentInput[K] | null };

/** Fields every incident has: an amendment cannot clear them. */
const REQUIRED_FIELDS = ['title', 'category', 'occurredAt', 'location'] as const;

/** What every record and note input carries: `recordId` and `datePrecision` optional. */
export type RecordInput = Omit<RecordBase, 'incidentId' | 'recordId' | 'datePrecision'> & {
  readonly recordId?: string;
  readonly datePrecision?: DatePrecision;
};

/** The location as stored: its ISO 3166-1 code in upper case (given in any case, as every filter takes it), defaults filled in. */
const locationOf = (input: LocationInput): Location => ({
  admin2: '',
  place: '',
  ...input,
  country: input.country.toUpperCase(),
  geoPrecision: input.geoPrecision ?? defaultGeoPrecision(input),
});

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

/** What clearing an optional field (`null`) sets: the value of an incident opened without it. */
const CLEARED = { occurredUntil: null, datePrecision: DEFAULT_DATE_PRECISION, description: '', tags: [] } as const;

/** An amendment as a command: a `null` optional field is cleared (`CLEARED`), a `null` required one refused (400 naming it). */
export function amendIncidentCommand(incidentId: string, input: AmendIncidentInput): IncidentCommandInput {
  refuseClearing(input, REQUIRED_FIELDS);
  const { location, ...fields } = input;
  const changes = Object.fromEntries(Object.entries(fields).map(([key, value]) => [key, value === null ? CLEARED[key as keyof typeof CLEARED] : value]));
  return { type: 'AmendIncident', data: { ...changes, incidentId, ...(location ? { location: locationOf(location) } : {}) } as AmendIncident['data'] };
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
