/**
 * The incident's events (docs/domain.md): plain readonly `{ type, data }` values, never classes, so they
 * serialise to the store as they are and a replay rebuilds exactly what was decided.
 * Every event carries `incidentId` so a projection reading `$all` needs no stream-name parsing.
 * Times are ISO-8601 strings, as stored.
 */

export const CATEGORIES = [
  'battle',
  'violence_against_civilians',
  'explosion_remote_violence',
  'riot',
  'protest',
  'strategic_development',
] as const;
export const PARTIES = ['armed_group', 'police', 'military', 'civilian', 'unknown'] as const;
export const OUTCOMES = ['killed', 'injured'] as const;
export const BASES = ['incremental', 'cumulative'] as const;
export const SOURCE_KINDS = ['government', 'media', 'ngo', 'social_media', 'witness', 'other'] as const;
/** How precisely `occurredAt` is known (docs/time-and-place.md), on incidents and records; `exact` unless said. */
export const DATE_PRECISIONS = ['exact', 'day', 'week', 'month', 'year', 'approximate'] as const;
/** How precisely a location is known (docs/time-and-place.md): `point`/`near` need coordinates, the rest name an area. */
export const GEO_PRECISIONS = ['point', 'near', 'admin2', 'admin1', 'country'] as const;
export const RELEASE_HOWS = ['released', 'rescued', 'escaped'] as const;
export const INCIDENT_STATUSES = ['open', 'closed'] as const;
export const LINK_RELATIONS = ['related', 'follow_up', 'same_campaign'] as const;
/** docs/actors.md: what an actor was in an incident (ACLED's actor1/actor2 are `side_a`/`side_b` or `perpetrator`/`target`). */
export const ACTOR_ROLES = ['side_a', 'side_b', 'associated', 'perpetrator', 'target'] as const;

export type Category = (typeof CATEGORIES)[number];
export type Party = (typeof PARTIES)[number];
export type Outcome = (typeof OUTCOMES)[number];
export type Basis = (typeof BASES)[number];
export type SourceKind = (typeof SOURCE_KINDS)[number];
export type DatePrecision = (typeof DATE_PRECISIONS)[number];
export type GeoPrecision = (typeof GEO_PRECISIONS)[number];
export type ReleaseHow = (typeof RELEASE_HOWS)[number];
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];
export type LinkRelation = (typeof LINK_RELATIONS)[number];
export type ActorRole = (typeof ACTOR_ROLES)[number];

/** Counts are integers in `MIN_COUNT..MAX_COUNT`; 0 is allowed only for cumulative casualties. */
export const MIN_COUNT = 1;
export const MAX_COUNT = 100_000;

export type Location = Readonly<{
  /** ISO 3166-1 alpha-2, upper case. */
  country: string;
  admin1: string;
  admin2: string;
  place: string;
  lat?: number;
  lon?: number;
  /** `point` with coordinates, `admin1` without, unless the reporter said otherwise. */
  geoPrecision: GeoPrecision;
}>;

export type Source = Readonly<{
  /** Sources are told apart by name in the tally (docs/tallies.md rule 2). */
  name: string;
  kind: SourceKind;
  url?: string;
  publishedAt?: string;
}>;

/** The incident's own fields, as opened and amended. */
export type IncidentFields = Readonly<{
  title: string;
  category: Category;
  /** As the reporter gave it, offset included (`local-date.ts` says what it means on the calendar). */
  occurredAt: string;
  datePrecision: DatePrecision;
  /** The end of a date range that starts at `occurredAt`, not before it; absent for a single moment. */
  occurredUntil?: string;
  location: Location;
  description: string;
  tags: readonly string[];
}>;

type Event<Type extends string, Data> = Readonly<{ type: Type; data: Readonly<Data> }>;
type OfIncident = { incidentId: string };

/** What every counted fact and note carries. */
export type RecordBase = OfIncident & {
  recordId: string;
  /** World time of the fact, not the time it was recorded. */
  occurredAt: string;
  datePrecision: DatePrecision;
  source: Source;
  note?: string;
};

export type IncidentOpened = Event<'IncidentOpened', OfIncident & IncidentFields>;
/** The fields an amendment changes; `occurredUntil: null` removes the range end (a single moment again). */
export type IncidentChanges = Partial<Omit<IncidentFields, 'occurredUntil'>> & Readonly<{ occurredUntil?: string | null }>;

/** Carries only the fields that changed. */
export type IncidentAmended = Event<'IncidentAmended', OfIncident & IncidentChanges>;
export type IncidentClosed = Event<'IncidentClosed', OfIncident & { reason?: string }>;
export type IncidentReopened = Event<'IncidentReopened', OfIncident & { reason?: string }>;

/** Casualty and hostage records may name who did it: an actor of the registry (`actor-<uuid>`). */
type Attributed = { perpetratorActorId?: string };

export type CasualtiesReported = Event<
  'CasualtiesReported',
  RecordBase & Attributed & { party: Party; outcome: Outcome; count: number; basis: Basis }
>;
export type HostagesTaken = Event<'HostagesTaken', RecordBase & Attributed & { party: Party; count: number }>;
export type HostagesReleased = Event<
  'HostagesReleased',
  RecordBase & Attributed & { party: Party; count: number; how: ReleaseHow }
>;
export type HostagesKilled = Event<'HostagesKilled', RecordBase & Attributed & { party: Party; count: number }>;
export type VehiclesSeized = Event<'VehiclesSeized', RecordBase & { count: number; vehicleKind: string }>;
export type WeaponsSeized = Event<'WeaponsSeized', RecordBase & { count: number; weaponKind: string }>;
export type ArrestsMade = Event<'ArrestsMade', RecordBase & { count: number }>;
export type TimelineNoteAdded = Event<'TimelineNoteAdded', Omit<RecordBase, 'note'> & { text: string }>;

/** docs/merge.md: a link is one event in the linking incident's stream; reads show it from both sides. */
export type IncidentLinked = Event<'IncidentLinked', OfIncident & { otherIncidentId: string; relation: LinkRelation }>;
/** docs/merge.md: closes the incident; `into` is the survivor its records count under from then on (never itself merged when decided). */
export type IncidentMergedInto = Event<'IncidentMergedInto', OfIncident & { into: string }>;

export type RecordCorrected = Event<'RecordCorrected', OfIncident & { recordId: string; count: number; reason: string }>;
export type RecordRetracted = Event<'RecordRetracted', OfIncident & { recordId: string; reason: string }>;

/** An actor of the registry took part in the incident in `role`; attaching it again with another role replaces the role. */
export type ActorAttached = Event<'ActorAttached', OfIncident & { actorId: string; role: ActorRole }>;
export type ActorDetached = Event<'ActorDetached', OfIncident & { actorId: string }>;

/** A record with a count: what corrections change and tallies add up. */
export type CountedRecordEvent =
  | CasualtiesReported
  | HostagesTaken
  | HostagesReleased
  | HostagesKilled
  | VehiclesSeized
  | WeaponsSeized
  | ArrestsMade;

/** Every timeline entry: the counted records and notes. */
export type RecordEvent = CountedRecordEvent | TimelineNoteAdded;

export type IncidentEvent =
  | IncidentOpened
  | IncidentAmended
  | IncidentClosed
  | IncidentReopened
  | RecordEvent
  | RecordCorrected
  | RecordRetracted
  | IncidentLinked
  | IncidentMergedInto
  | ActorAttached
  | ActorDetached;

export type IncidentEventType = IncidentEvent['type'];

export const RECORD_EVENT_TYPES = [
  'CasualtiesReported',
  'HostagesTaken',
  'HostagesReleased',
  'HostagesKilled',
  'VehiclesSeized',
  'WeaponsSeized',
  'ArrestsMade',
  'TimelineNoteAdded',
] as const satisfies readonly RecordEvent['type'][];

export const INCIDENT_EVENT_TYPES = [
  'IncidentOpened',
  'IncidentAmended',
  'IncidentClosed',
  'IncidentReopened',
  ...RECORD_EVENT_TYPES,
  'RecordCorrected',
  'RecordRetracted',
  'IncidentLinked',
  'IncidentMergedInto',
  'ActorAttached',
  'ActorDetached',
] as const satisfies readonly IncidentEventType[];

export const isRecordEvent = (event: IncidentEvent): event is RecordEvent =>
  (RECORD_EVENT_TYPES as readonly string[]).includes(event.type);
