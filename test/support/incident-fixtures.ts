import type { IncidentCommand } from '../../src/incidents/domain/commands.js';
import type {
  CasualtiesReported,
  HostagesReleased,
  IncidentOpened,
  Party,
  RecordEvent,
  Source,
} from '../../src/incidents/domain/events.js';

/** Fixed ids and times for domain tests (the worked example's Villa Unión). */
export const INCIDENT_ID = '5b0d8c6e-1f1a-4c1e-9d3a-0a1b2c3d4e5f';
export const NOW = new Date('2019-12-02T12:00:00.000Z');
export const AT = '2019-11-30T12:00:00.000Z';
export const metadata = { now: NOW };

export const recordId = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

export const STATE_GOVERNMENT: Source = { name: 'Coahuila state government', kind: 'government' };
export const MEDIA: Source = { name: 'El Siglo de Torreón', kind: 'media', url: 'https://example.org/a' };

export const opened: IncidentOpened = {
  type: 'IncidentOpened',
  data: {
    incidentId: INCIDENT_ID,
    title: 'Cartel attack on Villa Unión',
    category: 'battle',
    occurredAt: AT,
    datePrecision: 'exact',
    location: { country: 'MX', admin1: 'Coahuila', admin2: 'Villa Unión', place: 'Presidencia municipal', geoPrecision: 'admin1' },
    description: 'A convoy of gunmen strafed the municipal building and fought police.',
    tags: ['cartel'],
  },
};

const base = (n: number, source: Source) => ({
  incidentId: INCIDENT_ID,
  recordId: recordId(n),
  occurredAt: AT,
  datePrecision: 'exact' as const,
  source,
});

type CasualtyFacts = Pick<CasualtiesReported['data'], 'party' | 'outcome' | 'count' | 'basis'>;

export const casualties = (n: number, facts: CasualtyFacts, source: Source = STATE_GOVERNMENT): CasualtiesReported => ({
  type: 'CasualtiesReported',
  data: { ...base(n, source), ...facts },
});

export const killed = (n: number, party: Party, count: number, basis: CasualtyFacts['basis'] = 'incremental', source?: Source) =>
  casualties(n, { party, outcome: 'killed', count, basis }, source);

export const hostagesTaken = (n: number, party: Party, count: number): RecordEvent => ({
  type: 'HostagesTaken',
  data: { ...base(n, STATE_GOVERNMENT), party, count },
});

export const hostagesReleased = (n: number, party: Party, count: number, how: HostagesReleased['data']['how'] = 'released'): RecordEvent => ({
  type: 'HostagesReleased',
  data: { ...base(n, STATE_GOVERNMENT), party, count, how },
});

export const hostagesKilled = (n: number, party: Party, count: number): RecordEvent => ({
  type: 'HostagesKilled',
  data: { ...base(n, STATE_GOVERNMENT), party, count },
});

export const vehiclesSeized = (n: number, count: number): RecordEvent => ({
  type: 'VehiclesSeized',
  data: { ...base(n, STATE_GOVERNMENT), count, vehicleKind: 'armed pickup' },
});

export const weaponsSeized = (n: number, count: number): RecordEvent => ({
  type: 'WeaponsSeized',
  data: { ...base(n, STATE_GOVERNMENT), count, weaponKind: 'rifle' },
});

export const arrests = (n: number, count: number): RecordEvent => ({
  type: 'ArrestsMade',
  data: { ...base(n, STATE_GOVERNMENT), count },
});

export const note = (n: number, text = 'Gunfire lasted about 90 minutes.'): RecordEvent => ({
  type: 'TimelineNoteAdded',
  data: { ...base(n, STATE_GOVERNMENT), text },
});

export const corrected = (n: number, count: number) =>
  ({ type: 'RecordCorrected', data: { incidentId: INCIDENT_ID, recordId: recordId(n), count, reason: 'Revised figure' } }) as const;

export const retracted = (n: number) =>
  ({ type: 'RecordRetracted', data: { incidentId: INCIDENT_ID, recordId: recordId(n), reason: 'Source withdrew it' } }) as const;

/** The worked example as the state government reported it: three incremental reports, then one cumulative statement. */
export const villaUnionCasualties = [
  opened,
  killed(1, 'armed_group', 7),
  killed(2, 'armed_group', 7),
  killed(3, 'unknown', 3),
  killed(4, 'armed_group', 14, 'cumulative'),
  killed(5, 'police', 4, 'cumulative'),
  killed(6, 'civilian', 2, 'cumulative'),
  casualties(7, { party: 'police', outcome: 'injured', count: 6, basis: 'cumulative' }),
];

export const closed = { type: 'IncidentClosed', data: { incidentId: INCIDENT_ID } } as const;
export const reopened = { type: 'IncidentReopened', data: { incidentId: INCIDENT_ID } } as const;

const COMMAND_OF = {
  IncidentOpened: 'OpenIncident',
  IncidentClosed: 'CloseIncident',
  IncidentReopened: 'ReopenIncident',
  CasualtiesReported: 'ReportCasualties',
  HostagesTaken: 'RecordHostagesTaken',
  HostagesReleased: 'RecordHostagesReleased',
  HostagesKilled: 'RecordHostagesKilled',
  VehiclesSeized: 'RecordVehiclesSeized',
  WeaponsSeized: 'RecordWeaponsSeized',
  ArrestsMade: 'RecordArrests',
  TimelineNoteAdded: 'AddTimelineNote',
  RecordCorrected: 'CorrectRecord',
  RecordRetracted: 'RetractRecord',
} as const;

/** The command that decides exactly this event (their data are the same by design). */
export const commandFor = (
  event: { type: keyof typeof COMMAND_OF; data: object },
  data: Record<string, unknown> = {},
  now: Date = NOW,
): IncidentCommand => ({ type: COMMAND_OF[event.type], data: { ...event.data, ...data }, metadata: { now } }) as IncidentCommand;
