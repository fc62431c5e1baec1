import { isTime } from '../../common/input-values.js';
import type { JsonObject } from '../../event-store/event-store.port.js';
import type { StoredEvent } from '../../event-store/set-aside-reader.js';
import { isId, isText, isTextList, oneOf, optional } from '../../event-store/set-aside-reader.js';
import { incidentStream } from '../../event-store/stream-names.js';
import {
  ACTOR_ROLES, BASES, CATEGORIES, DATE_PRECISIONS, GEO_PRECISIONS, type IncidentEventType, LINK_RELATIONS, MAX_COUNT, OUTCOMES, PARTIES, RELEASE_HOWS, SOURCE_KINDS,
} from '../domain/events.js';
import { toIncidentEvent } from './incident-events.js';

/** A field's rule, or an object's fields' rules (checked field by field, so a fault names its path). */
type Rule = ((value: unknown) => boolean) | Fields;
type Fields = { readonly [field: string]: Rule };

const isCount = (value: unknown): boolean => Number.isInteger(value) && (value as number) >= 0 && (value as number) <= MAX_COUNT;
const isCoordinate = (value: unknown): boolean => typeof value === 'number' && Number.isFinite(value);
const optionalOrNull = (rule: (value: unknown) => boolean) => (value: unknown): boolean => value === null || value === undefined || rule(value);

const LOCATION: Fields = { country: isText, admin1: isText, admin2: isText, place: isText, lat: optional(isCoordinate), lon: optional(isCoordinate), geoPrecision: oneOf(GEO_PRECISIONS) };
const SOURCE: Fields = { name: isText, kind: oneOf(SOURCE_KINDS), url: optional(isText), publishedAt: optional(isText) };
const FIELDS = { title: isText, category: oneOf(CATEGORIES), occurredAt: isTime, datePrecision: oneOf(DATE_PRECISIONS), occurredUntil: optional(isTime), location: LOCATION, description: isText, tags: isTextList };
const RECORD = { incidentId: isId, recordId: isId, occurredAt: isTime, datePrecision: oneOf(DATE_PRECISIONS), source: SOURCE, note: optional(isText) };
const COUNTED = { ...RECORD, count: isCount };
const ATTRIBUTED = { ...COUNTED, party: oneOf(PARTIES), perpetratorActorId: optional(isId) };

/**
 * What each incident event's data holds at the current schema version (`domain/events.ts`), as far as
 * every reader of it relies on it: types, enum values, counts the API's range allows, times the API's
 * parser takes. Rules of the domain over several events (a correction's record exists, the tally
 * limit) are the domain's own.
 */
const SHAPE: Readonly<Record<IncidentEventType, Fields>> = {
  IncidentOpened: { incidentId: isId, ...FIELDS },
  IncidentAmended: {
    incidentId: isId,
    ...Object.fromEntries(Object.entries(FIELDS).map(([field, rule]) => [field, typeof rule === 'function' ? optional(rule) : optional((value) => faultOf(value, rule, '') === undefined)])),
    occurredUntil: optionalOrNull(isTime),
  },
  IncidentClosed: { incidentId: isId, reason: optional(isText) },
  IncidentReopened: { incidentId: isId, reason: optional(isText) },
  CasualtiesReported: { ...ATTRIBUTED, outcome: oneOf(OUTCOMES), basis: oneOf(BASES) },
  HostagesTaken: ATTRIBUTED,
  HostagesReleased: { ...ATTRIBUTED, how: oneOf(RELEASE_HOWS) },
  HostagesKilled: ATTRIBUTED,
  VehiclesSeized: { ...COUNTED, vehicleKind: isText },
  WeaponsSeized: { ...COUNTED, weaponKind: isText },
  ArrestsMade: COUNTED,
  TimelineNoteAdded: { ...RECORD, note: (value) => value === undefined, text: isText },
  IncidentLinked: { incidentId: isId, otherIncidentId: isId, relation: oneOf(LINK_RELATIONS) },
  IncidentMergedInto: { incidentId: isId, into: isId },
  RecordCorrected: { incidentId: isId, recordId: isId, count: isCount, reason: isText },
  RecordRetracted: { incidentId: isId, recordId: isId, reason: isText },
  ActorAttached: { incidentId: isId, actorId: isId, role: oneOf(ACTOR_ROLES) },
  ActorDetached: { incidentId: isId, actorId: isId },
};

/** The path of the first field of `value` that breaks `rule` (`data.source.name`), or `undefined`. */
function faultOf(value: unknown, rule: Rule, path: string): string | undefined {
  if (typeof rule === 'function') return rule(value) ? undefined : path;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return path;
  for (const [field, fieldRule] of Object.entries(rule)) {
    const fault = faultOf((value as Record<string, unknown>)[field], fieldRule, `${path}.${field}`);
    if (fault !== undefined) return fault;
  }
  return undefined;
}

/**
 * Why a stored event of an incident stream is not one every reader can take, or `undefined`: an
 * unknown type, data (upcast to the current schema version) that breaks its type's shape (naming the
 * field), or an `incidentId` that is not its stream's. The API never writes such an event; `import`
 * refuses a file holding one.
 */
export function incidentEventFault(event: StoredEvent & { readonly metadata?: JsonObject }): string | undefined {
  if (!Object.hasOwn(SHAPE, event.type)) return `${event.type} is no incident event type`;
  let data;
  try {
    ({ data } = toIncidentEvent(event));
  } catch (error) {
    return `${event.type}: ${(error as Error).message}`;
  }
  const fault = faultOf(data, SHAPE[event.type as IncidentEventType], 'data');
  if (fault !== undefined) return `${event.type}: ${fault} does not have the event's shape (docs/domain.md)`;
  if (event.stream !== incidentStream(data.incidentId)) return `${event.type}: data.incidentId is not the incident of ${event.stream}`;
  return undefined;
}
