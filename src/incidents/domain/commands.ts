import type {
  ActorAttached,
  ActorDetached,
  ArrestsMade,
  CasualtiesReported,
  HostagesKilled,
  HostagesReleased,
  HostagesTaken,
  IncidentChanges,
  IncidentLinked,
  IncidentOpened,
  TimelineNoteAdded,
  VehiclesSeized,
  WeaponsSeized,
} from './events.js';
import type { SourceDirectory } from '../../sources/domain/source-directory.js';
import type { RecordLedger } from './record-ledger.js';

/**
 * `now` is the moment the command is decided, supplied by the caller (a `Date`), because the domain
 * never reads the clock: a replayed or tested decision sees exactly the time it was given.
 */
export type CommandMetadata = Readonly<{
  now: Date;
  /** The source registry, given only to name a figure over the limit by its registered source, as reads name it. */
  sources?: SourceDirectory;
}>;

type Command<Type extends string, Data> = Readonly<{
  type: Type;
  data: Readonly<Data>;
  metadata: CommandMetadata;
}>;
type OfIncident = { incidentId: string };

/**
 * docs/merge.md: the incidents merged into an incident (directly or along a chain), by id, each with its
 * ledger as its stream holds it, read by the application. A survivor counts them with its own records
 * as one ledger (`survivorLedger`), so the commands that change its tally are decided on that ledger.
 */
export type MergedLedgers = ReadonlyMap<string, RecordLedger>;
/** What a command changing a survivor's tally carries besides its data: absent, nothing was merged into the incident. */
type OnSurvivor = { merged?: MergedLedgers };

export type OpenIncident = Command<'OpenIncident', IncidentOpened['data']>;
/** Absent fields stay as they are. */
export type AmendIncident = Command<'AmendIncident', OfIncident & IncidentChanges>;
export type CloseIncident = Command<'CloseIncident', OfIncident & { reason?: string }>;
export type ReopenIncident = Command<'ReopenIncident', OfIncident & { reason?: string }>;

// Record commands carry their `recordId` already assigned (by the client or the application).
export type ReportCasualties = Command<'ReportCasualties', CasualtiesReported['data']> & OnSurvivor;
export type RecordHostagesTaken = Command<'RecordHostagesTaken', HostagesTaken['data']> & OnSurvivor;
export type RecordHostagesReleased = Command<'RecordHostagesReleased', HostagesReleased['data']> & OnSurvivor;
export type RecordHostagesKilled = Command<'RecordHostagesKilled', HostagesKilled['data']> & OnSurvivor;
export type RecordVehiclesSeized = Command<'RecordVehiclesSeized', VehiclesSeized['data']> & OnSurvivor;
export type RecordWeaponsSeized = Command<'RecordWeaponsSeized', WeaponsSeized['data']> & OnSurvivor;
export type RecordArrests = Command<'RecordArrests', ArrestsMade['data']> & OnSurvivor;
export type AddTimelineNote = Command<'AddTimelineNote', TimelineNoteAdded['data']> & OnSurvivor;

export type CorrectRecord = Command<'CorrectRecord', OfIncident & { recordId: string; count: number; reason: string }> & OnSurvivor;
export type RetractRecord = Command<'RetractRecord', OfIncident & { recordId: string; reason: string }> & OnSurvivor;

/**
 * What the application read from another incident's stream for a command that names it (the rules
 * are decided against streams, never read models): `status` of the incident named, and `path`, the
 * ids from it along its merges to the incident that answers for it (the named one first, the
 * survivor last; just the named one when it is not merged).
 */
export type OtherIncident = Readonly<{ status: 'none' | 'open' | 'closed'; path: readonly string[] }>;

export type LinkIncident = Command<'LinkIncident', IncidentLinked['data']> & { other: OtherIncident };
/**
 * `merged`: the incidents merged into this one, which follow it; `survivor`: the ledgers of the
 * incident it is merged into (the end of `other.path`) and of those merged into that one before.
 */
export type MergeIncident = Command<'MergeIncident', OfIncident & { into: string }> &
  OnSurvivor & { other: OtherIncident; survivor?: Readonly<{ records: RecordLedger; merged: MergedLedgers }> };
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
