import type {
  ActorAttached,
  ActorDetached,
  ArrestsMade,
  CasualtiesReported,
  HostagesKilled,
  HostagesReleased,
  HostagesTaken,
  IncidentFields,
  IncidentLinked,
  IncidentOpened,
  TimelineNoteAdded,
  VehiclesSeized,
  WeaponsSeized,
} from './events.js';

/**
 * `now` is the moment the command is decided, supplied by the caller (a `Date`), because the domain
 * never reads the clock: a replayed or tested decision sees exactly the time it was given.
 */
export type CommandMetadata = Readonly<{ now: Date }>;

type Command<Type extends string, Data> = Readonly<{
  type: Type;
  data: Readonly<Data>;
  metadata: CommandMetadata;
}>;
type OfIncident = { incidentId: string };

export type OpenIncident = Command<'OpenIncident', IncidentOpened['data']>;
/** Absent fields stay as they are. */
export type AmendIncident = Command<'AmendIncident', OfIncident & Partial<IncidentFields>>;
export type CloseIncident = Command<'CloseIncident', OfIncident & { reason?: string }>;
export type ReopenIncident = Command<'ReopenIncident', OfIncident & { reason?: string }>;

// Record commands carry their `recordId` already assigned (by the client or the application).
export type ReportCasualties = Command<'ReportCasualties', CasualtiesReported['data']>;
export type RecordHostagesTaken = Command<'RecordHostagesTaken', HostagesTaken['data']>;
export type RecordHostagesReleased = Command<'RecordHostagesReleased', HostagesReleased['data']>;
export type RecordHostagesKilled = Command<'RecordHostagesKilled', HostagesKilled['data']>;
export type RecordVehiclesSeized = Command<'RecordVehiclesSeized', VehiclesSeized['data']>;
export type RecordWeaponsSeized = Command<'RecordWeaponsSeized', WeaponsSeized['data']>;
export type RecordArrests = Command<'RecordArrests', ArrestsMade['data']>;
export type AddTimelineNote = Command<'AddTimelineNote', TimelineNoteAdded['data']>;

export type CorrectRecord = Command<'CorrectRecord', OfIncident & { recordId: string; count: number; reason: string }>;
export type RetractRecord = Command<'RetractRecord', OfIncident & { recordId: string; reason: string }>;

/**
 * What the application read from another incident's stream for a command that names it (the rules
 * are decided against streams, never read models): `status` of the incident named, and `path`, the
 * ids from it along its merges to the incident that answers for it (the named one first, the
 * survivor last; just the named one when it is not merged).
 */
export type OtherIncident = Readonly<{ status: 'none' | 'open' | 'closed'; path: readonly string[] }>;

export type LinkIncident = Command<'LinkIncident', IncidentLinked['data']> & { other: OtherIncident };
export type MergeIncident = Command<'MergeIncident', OfIncident & { into: string }> & { other: OtherIncident };
export type AttachActor = Command<'AttachActor', ActorAttached['data']>;
export type DetachActor = Command<'DetachActor', ActorDetached['data']>;

export type RecordCommand =
  | ReportCasualties
  | RecordHostagesTaken
  | RecordHostagesReleased
  | RecordHostagesKilled
  | RecordVehiclesSeized
  | RecordWeaponsSeized
  | RecordArrests
  | AddTimelineNote;

export type IncidentCommand =
  | OpenIncident
  | AmendIncident
  | CloseIncident
  | ReopenIncident
  | RecordCommand
  | CorrectRecord
  | RetractRecord
  | LinkIncident
  | MergeIncident
  | AttachActor
  | DetachActor;
