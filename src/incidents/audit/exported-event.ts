import type { JsonObject } from '../../event-store/event-store.port.js';
import type { HistoryItem } from './incident-history.service.js';
import { isUUID } from 'class-validator';
import { isPosition, isTime, isWrittenTime, positionMessage, timeMessage } from '../../common/input-values.js';
import { isStorableText, textMessage } from '../../common/plain-values.js';
import { prototypeKeys, tooWide } from '../../common/prototype-keys.js';
import { duplicateNames } from '../../common/duplicate-names.js';
import { unknownMember } from '../../common/invalid-input.js';
import { ACTOR_STREAM_PREFIX, INCIDENT_STREAM_PREFIX, SOURCE_STREAM_PREFIX } from '../../event-store/stream-names.js';
import type { StoredEvent } from '../../event-store/set-aside-reader.js';
import { actorEventOf } from '../../actors/stored-events/actor-events.js';
import { sourceEventOf } from '../../sources/stored-events/source-events.js';
import { incidentEventFault } from '../stored-events/incident-event-shape.js';
import { toIncidentEvent } from '../stored-events/incident-events.js';
import type { IncidentEvent } from '../domain/events.js';

/**
 * One line of an export: a history item's fields and its stream, with `data` as stored (not upcast:
 * the hash covers it). `position` is the exporting store's, informative: an import gets new ones
 * from its own store, and takes a line whose `position` is one in the spelling export writes.
 * `recordedAt` is the envelope's (`metadata.recordedAt`, which the hash covers and which travels
 * unchanged), so every read of the imported store shows the original times; an import refuses a
 * line whose `recordedAt` says another time than its envelope.
 */
export interface ExportedEvent extends HistoryItem {
  readonly stream: string;
}

/**
 * The rules of the API's inputs on an incident event's data (the transport's, which import is given:
 * `ImportOptions.inputRules`): why the event's data breaks one, naming its type and field, or `undefined`.
 */
export type InputRules = (event: IncidentEvent) => string | undefined;

/** The registries' streams, with how their folds read an event (`undefined`: not of the registry's shape, which the projections would quarantine). */
const REGISTRIES: readonly (readonly [prefix: string, read: (event: StoredEvent) => unknown])[] = [
  [SOURCE_STREAM_PREFIX, sourceEventOf],
  [ACTOR_STREAM_PREFIX, actorEventOf],
];

const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);
const isText = (value: unknown): value is string => typeof value === 'string' && value.length > 0;
/** Whether a string, or a key or string anywhere inside, is text no layer can store (`isStorableText`). */
const holdsUnstorableText = (value: unknown): boolean =>
  typeof value === 'string' ? !isStorableText(value) : typeof value === 'object' && value !== null && Object.entries(value).some(([key, member]) => !isStorableText(key) || holdsUnstorableText(member));

/**
 * Why a line's top-level `recordedAt` is not the one export writes for it (`recordedAtOf`, as an ISO
 * string), or `undefined`. Import keeps the envelope's time alone, so a top-level one edited after
 * export would be silently dropped: the file would say one time and the store another. An envelope
 * without a time was exported with the exporting store's commit time, which no import keeps (as
 * `position`): any time in that spelling is taken.
 */
function exportedRecordedAtProblem(recordedAt: unknown, envelopeTime: unknown): string | undefined {
  if (typeof envelopeTime === 'string') {
    const expected = new Date(envelopeTime).toISOString();
    return recordedAt === expected ? undefined : `recordedAt must be ${expected}, the time of its metadata.recordedAt (the line was changed after export)`;
  }
  return isWrittenTime(recordedAt) ? undefined : 'recordedAt must be a time as export writes it (YYYY-MM-DDTHH:mm:ss.sssZ)';
}

/** The members a line of an export holds (`toExportedEvent`): an import would drop any other, so a line holding one was changed after export. */
const LINE_MEMBERS = new Set(['stream', 'eventId', 'type', 'data', 'metadata', 'revision', 'position', 'recordedAt']);

/**
 * Parses one export line; throws naming the line and what is wrong with it: its shape, a member
 * export never writes at its top, a name an object holds twice, a key naming object machinery or nesting deeper than `MAX_INPUT_DEPTH` (as a
 * REST body), text no layer can store, an incident event the API's `inputRules` refuse, a source or
 * actor event its registry's folds cannot read.
 * Event data is otherwise taken as stored (the hash covers it).
 */
export function parseExportedEvent(line: string, lineNumber: number, inputRules: InputRules): ExportedEvent {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new Error(`line ${lineNumber}: not JSON`);
  }
  if (!isObject(value)) throw new Error(`line ${lineNumber}: not an object`);
  // As a REST body: no member it does not define, no name twice in one object, no key naming object machinery, and no deeper than the API's inputs may be (nothing walks it after).
  const unknown = Object.keys(value).filter((key) => !LINE_MEMBERS.has(key)).map((key) => unknownMember(key));
  const [refused] = [...duplicateNames(line), ...prototypeKeys(value), ...tooWide(value), ...unknown];
  if (refused) throw new Error(`line ${lineNumber}: ${refused.field}: ${refused.message}`);
  if (holdsUnstorableText(value)) throw new Error(`line ${lineNumber}: ${textMessage('its text')}`);
  const { stream, eventId, type, data, metadata, revision } = value;
  if (!isText(stream) || !isText(eventId) || !isText(type)) throw new Error(`line ${lineNumber}: stream, eventId and type must be non-empty strings`);
  if (!isObject(data) || !isObject(metadata)) throw new Error(`line ${lineNumber}: data and metadata must be objects`);
  for (const [field, position] of Object.entries({ revision, position: value.position })) {
    if (!isPosition(position)) throw new Error(`line ${lineNumber}: ${positionMessage(field)}`);
  }
  if (!isUUID(eventId)) throw new Error(`line ${lineNumber}: eventId must be a UUID`);
  // Every read of the imported store shows this time (`recordedAtOf`): a time the API itself would take.
  if (metadata.recordedAt !== undefined && !isTime(metadata.recordedAt)) throw new Error(`line ${lineNumber}: ${timeMessage('metadata.recordedAt')}`);
  // Read as version 1 when it is anything but a number (`storedSchemaVersion`): only a version as the API writes it is taken.
  if (metadata.schemaVersion !== undefined && !(Number.isInteger(metadata.schemaVersion) && (metadata.schemaVersion as number) >= 1)) {
    throw new Error(`line ${lineNumber}: metadata.schemaVersion must be a whole number from 1`);
  }
  const recordedAtProblem = exportedRecordedAtProblem(value.recordedAt, metadata.recordedAt);
  if (recordedAtProblem) throw new Error(`line ${lineNumber}: ${recordedAtProblem}`);
  if (stream.startsWith(INCIDENT_STREAM_PREFIX)) {
    // Every read of an incident takes its events as the domain has them: one that breaks their shape would break them all.
    const fault = incidentEventFault({ stream, type, data, metadata }) ?? inputRules(toIncidentEvent({ type, data, metadata }));
    if (fault !== undefined) throw new Error(`line ${lineNumber}: ${fault}`);
  }
  // A registry event its folds cannot read would be set aside by every one, and its stream quarantined.
  const registry = REGISTRIES.find(([prefix]) => stream.startsWith(prefix));
  if (registry !== undefined && registry[1]({ stream, type, data }) === undefined) throw new Error(`line ${lineNumber}: the ${type} event of ${stream} does not have its registry's shape`);
  return value as unknown as ExportedEvent;
}
