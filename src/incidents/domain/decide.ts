import type {
  AddTimelineNote,
  AttachActor,
  DetachActor,
  AmendIncident,
  CloseIncident,
  CommandMetadata,
  CorrectRecord,
  IncidentCommand,
  MergedLedgers,
  OpenIncident,
  RecordArrests,
  RecordHostagesKilled,
  RecordHostagesReleased,
  RecordHostagesTaken,
  RecordVehiclesSeized,
  RecordWeaponsSeized,
  ReopenIncident,
  ReportCasualties,
  RetractRecord,
} from './commands.js';
import { linkIncident, mergeIncident, requireNotMerged } from './decide-links.js';
import { DomainError } from './domain-error.js';
import {
  ACTOR_ROLES,
  BASES,
  CATEGORIES,
  OUTCOMES,
  PARTIES,
  RELEASE_HOWS,
  type IncidentChanges,
  type IncidentEvent,
  type IncidentFields,
  type RecordCorrected,
  type RecordEvent,
  type RecordRetracted,
} from './events.js';
import {
  requireCount,
  requireRecordCount,
  requireIncident,
  requireNewRecordId,
  requireOneOf,
  requireOpen,
  requireOrderedRange,
  requireTallyWithinRules,
  requireText,
  requireValidFields,
  requireValidRecordBase,
} from './guards.js';
import { amendedFields, type IncidentState } from './incident.js';
import type { LedgerEntry } from './record-ledger.js';

/**
 * Decides which events a command produces against the incident's state, or throws a `DomainError`
 * (nothing is appended then). Pure: ids and `now` come on the command. An amendment that changes
 * nothing decides no events.
 */
export function decide(command: IncidentCommand, state: IncidentState): IncidentEvent[] {
  switch (command.type) {
    case 'OpenIncident':
      return openIncident(command, state);
    case 'AmendIncident':
      return amendIncident(command, state);
    case 'CloseIncident':
      return closeIncident(command, state);
    case 'ReopenIncident':
      return reopenIncident(command, state);
    case 'ReportCasualties':
      return reportCasualties(command, state);
    case 'RecordHostagesTaken':
      return recordHostagesTaken(command, state);
    case 'RecordHostagesReleased':
      return recordHostagesReleased(command, state);
    case 'RecordHostagesKilled':
      return recordHostagesKilled(command, state);
    case 'RecordVehiclesSeized':
      return recordVehiclesSeized(command, state);
    case 'RecordWeaponsSeized':
      return recordWeaponsSeized(command, state);
    case 'RecordArrests':
      return recordArrests(command, state);
    case 'AddTimelineNote':
      return addTimelineNote(command, state);
    case 'CorrectRecord':
      return correctRecord(command, state);
    case 'RetractRecord':
      return retractRecord(command, state);
    case 'LinkIncident':
      return linkIncident(command, state);
    case 'MergeIncident':
      return mergeIncident(command, state);
    case 'AttachActor':
      return attachActor(command, state);
    case 'DetachActor':
      return detachActor(command, state);
    default: {
      const unknown: never = command;
      throw new Error(`Unknown command ${(unknown as { type: string }).type}`);
    }
  }
}

function openIncident({ data, metadata }: OpenIncident, state: IncidentState): IncidentEvent[] {
  if (state.status !== 'none') {
    throw new DomainError('INCIDENT.ALREADY_EXISTS', `Incident ${data.incidentId} already exists`, 'incidentId');
  }
  requireText(data.title, 'title');
  requireOneOf(data.category, CATEGORIES, 'category');
  requireText(data.occurredAt, 'occurredAt');
  requireText(data.location?.country, 'location.country');
  requireValidFields(data, metadata.now);
  requireOrderedRange(data);
  return [{ type: 'IncidentOpened', data }];
}

function amendIncident({ data, metadata }: AmendIncident, state: IncidentState): IncidentEvent[] {
  requireOpen(state, data.incidentId);
  const { incidentId, ...proposed } = data;
  requireValidFields(proposed, metadata.now);
  // A cleared field (null) that is already absent is no change.
  const changed = Object.fromEntries(
    Object.entries(proposed).filter(
      ([key, value]) =>
        value !== undefined && !sameJson(value ?? undefined, state.fields?.[key as keyof IncidentFields]),
    ),
  ) as IncidentChanges;
  requireOrderedRange(amendedFields(state.fields!, changed));
  return Object.keys(changed).length === 0 ? [] : [{ type: 'IncidentAmended', data: { incidentId, ...changed } }];
}

function closeIncident({ data }: CloseIncident, state: IncidentState): IncidentEvent[] {
  requireIncident(state, data.incidentId);
  if (state.status === 'closed') throw new DomainError('INCIDENT.ALREADY_CLOSED', `Incident ${data.incidentId} is already closed`);
  return [{ type: 'IncidentClosed', data }];
}

function reopenIncident({ data }: ReopenIncident, state: IncidentState): IncidentEvent[] {
  requireNotMerged(state, data.incidentId);
  if (state.status === 'open') throw new DomainError('INCIDENT.ALREADY_OPEN', `Incident ${data.incidentId} is open`);
  return [{ type: 'IncidentReopened', data }];
}

function reportCasualties({ data, metadata, merged }: ReportCasualties, state: IncidentState): IncidentEvent[] {
  requireOneOf(data.party, PARTIES, 'party');
  requireOneOf(data.outcome, OUTCOMES, 'outcome');
  requireOneOf(data.basis, BASES, 'basis');
  return newRecord({ type: 'CasualtiesReported', data }, state, metadata, merged);
}

function recordHostagesTaken({ data, metadata, merged }: RecordHostagesTaken, state: IncidentState): IncidentEvent[] {
  requireOneOf(data.party, PARTIES, 'party');
  return newRecord({ type: 'HostagesTaken', data }, state, metadata, merged);
}

function recordHostagesReleased({ data, metadata, merged }: RecordHostagesReleased, state: IncidentState): IncidentEvent[] {
  requireOneOf(data.party, PARTIES, 'party');
  requireOneOf(data.how, RELEASE_HOWS, 'how');
  return newRecord({ type: 'HostagesReleased', data }, state, metadata, merged);
}

function recordHostagesKilled({ data, metadata, merged }: RecordHostagesKilled, state: IncidentState): IncidentEvent[] {
  requireOneOf(data.party, PARTIES, 'party');
  return newRecord({ type: 'HostagesKilled', data }, state, metadata, merged);
}

function recordVehiclesSeized({ data, metadata, merged }: RecordVehiclesSeized, state: IncidentState): IncidentEvent[] {
  requireText(data.vehicleKind, 'vehicleKind');
  return newRecord({ type: 'VehiclesSeized', data }, state, metadata, merged);
}

function recordWeaponsSeized({ data, metadata, merged }: RecordWeaponsSeized, state: IncidentState): IncidentEvent[] {
  requireText(data.weaponKind, 'weaponKind');
  return newRecord({ type: 'WeaponsSeized', data }, state, metadata, merged);
}

function recordArrests({ data, metadata, merged }: RecordArrests, state: IncidentState): IncidentEvent[] {
  return newRecord({ type: 'ArrestsMade', data }, state, metadata, merged);
}

function addTimelineNote({ data, metadata, merged }: AddTimelineNote, state: IncidentState): IncidentEvent[] {
  requireText(data.text, 'text');
  return newRecord({ type: 'TimelineNoteAdded', data }, state, metadata, merged);
}

function correctRecord({ data, merged, metadata }: CorrectRecord, state: IncidentState): IncidentEvent[] {
  const entry = liveRecord(state, data.incidentId, data.recordId);
  const { record } = entry;
  if (record.type === 'TimelineNoteAdded') {
    throw new DomainError('RECORD.NOT_COUNTABLE', `Record ${data.recordId} is a note and has no count`, 'recordId');
  }
  requireText(data.reason, 'reason');
  // Stryker disable next-line ConditionalExpression: equivalent, only a casualty record has a basis
  requireCount(data.count, record.type === 'CasualtiesReported' && record.data.basis === 'cumulative');
  const event: RecordCorrected = { type: 'RecordCorrected', data };
  requireTallyWithinRules(record, state, event, merged, metadata.sources);
  return [event];
}

/** Notes may be retracted (the timeline shows it); they have no count to correct. */
function retractRecord({ data, merged, metadata }: RetractRecord, state: IncidentState): IncidentEvent[] {
  const { record } = liveRecord(state, data.incidentId, data.recordId);
  requireText(data.reason, 'reason');
  const event: RecordRetracted = { type: 'RecordRetracted', data };
  requireTallyWithinRules(record, state, event, merged, metadata.sources);
  return [event];
}

/**
 * Attaches an actor in a role (docs/actors.md "Actors on incidents"). That the actor exists is
 * checked by the command handler against the actor's stream before deciding; attaching it again in
 * the role it has changes nothing.
 */
function attachActor({ data }: AttachActor, state: IncidentState): IncidentEvent[] {
  requireOpen(state, data.incidentId);
  requireOneOf(data.role, ACTOR_ROLES, 'role');
  return state.actors.get(data.actorId) === data.role ? [] : [{ type: 'ActorAttached', data }];
}

function detachActor({ data }: DetachActor, state: IncidentState): IncidentEvent[] {
  requireOpen(state, data.incidentId);
  if (!state.actors.has(data.actorId)) {
    throw new DomainError('ACTOR.NOT_ATTACHED', `Actor ${data.actorId} is not attached to incident ${data.incidentId}`, 'actorId');
  }
  return [{ type: 'ActorDetached', data }];
}

/** The checks every new record shares; `record` is the event it would append, `merged` what the incident holds merged into it. */
function newRecord(record: RecordEvent, state: IncidentState, { now, sources }: CommandMetadata, merged?: MergedLedgers): IncidentEvent[] {
  requireOpen(state, record.data.incidentId);
  requireValidRecordBase(record.data, now);
  requireRecordCount(record);
  requireNewRecordId(state, record.data.recordId);
  requireTallyWithinRules(record, state, record, merged, sources);
  return [record];
}

function liveRecord(state: IncidentState, incidentId: string, recordId: string): LedgerEntry {
  requireOpen(state, incidentId);
  const entry = state.records.get(recordId);
  if (entry === undefined) throw new DomainError('RECORD.NOT_FOUND', `Record ${recordId} does not exist in this incident`, 'recordId');
  if (entry.retracted) throw new DomainError('RECORD.ALREADY_RETRACTED', `Record ${recordId} is retracted`, 'recordId');
  return entry;
}

/** Incident fields are JSON values; key order carries no meaning. */
const sameJson = (a: unknown, b: unknown): boolean => canonicalJson(a) === canonicalJson(b);
const canonicalJson = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort()) : v,
  );
