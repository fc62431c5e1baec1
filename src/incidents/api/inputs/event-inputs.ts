import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { fieldErrors } from '../../../common/invalid-input.js';
import { AmendIncidentDto, LifecycleDto, LinkIncidentDto, MergeIncidentDto, OpenIncidentDto } from './incident.inputs.js';
import { ArrestsDto, CasualtiesDto, CorrectionDto, HostagesDto, HostagesReleasedDto, NoteDto, RetractionDto, VehiclesDto, WeaponsDto } from './record.inputs.js';
import { DomainError } from '../../domain/domain-error.js';
import { type IncidentChanges, type IncidentEvent, isRecordEvent } from '../../domain/events.js';
import type { InputRules } from '../../audit/exported-event.js';
import { requireFieldValues, requireRecordCount } from '../../domain/guards.js';

/**
 * Per incident event type, the API input its data is made from (`application/command-inputs.ts`);
 * `undefined`: none but ids and values of the event's shape (`stored-events/incident-event-shape.ts`).
 */
const INPUTS: Readonly<Record<IncidentEvent['type'], (new () => object) | undefined>> = {
  IncidentOpened: OpenIncidentDto,
  IncidentAmended: AmendIncidentDto,
  IncidentClosed: LifecycleDto,
  IncidentReopened: LifecycleDto,
  CasualtiesReported: CasualtiesDto,
  HostagesTaken: HostagesDto,
  HostagesReleased: HostagesReleasedDto,
  HostagesKilled: HostagesDto,
  VehiclesSeized: VehiclesDto,
  WeaponsSeized: WeaponsDto,
  ArrestsMade: ArrestsDto,
  TimelineNoteAdded: NoteDto,
  IncidentLinked: LinkIncidentDto,
  IncidentMergedInto: MergeIncidentDto,
  RecordCorrected: CorrectionDto,
  RecordRetracted: RetractionDto,
  ActorAttached: undefined,
  ActorDetached: undefined,
};

/** The optional text an event stores as `''` when the input left it out (`command-inputs.ts`): as the input, absent. */
const asInput = (data: object): object => {
  const { description, location, ...rest } = data as { description?: unknown; location?: Record<string, unknown> };
  const given = (value: unknown) => value !== '';
  return {
    ...rest,
    ...(given(description) ? { description } : {}),
    ...(location ? { location: Object.fromEntries(Object.entries(location).filter(([field, value]) => given(value) || !['admin2', 'place'].includes(field))) } : {}),
  };
};

/**
 * Why the data of an incident event (upcast, of its type's shape) breaks a rule the API holds the
 * input it is made from to (docs/input-values.md: lengths, blank text, ISO codes, coordinate ranges
 * and pairs, times, counts) or a rule of the domain on one event's own fields (a country in its
 * stored spelling, a precision that needs coordinates, a record's count),
 * naming the field (`IncidentOpened: data.location.admin1: …`); `undefined` if none. `import`
 * refuses such an event (`ImportOptions.inputRules`): the API never writes one, and the layers after
 * the store rely on these rules (index sizes, export formats).
 */
export const inputFault: InputRules = (event) => {
  const { type, data } = event;
  const input = INPUTS[type];
  const [error] = input ? fieldErrors(validateSync(plainToInstance(input, asInput(data)))) : [];
  if (error) return `${type}: data.${error.field}: ${error.message}`;
  try {
    if (type === 'IncidentOpened' || type === 'IncidentAmended') requireFieldValues(data as IncidentChanges);
    if (isRecordEvent(event)) requireRecordCount(event);
  } catch (fault) {
    if (fault instanceof DomainError) return `${type}: data.${fault.field}: ${fault.message}`;
    throw fault;
  }
  return undefined;
};
