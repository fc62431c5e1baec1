import type { IncidentCommandInput } from '../application/incident-command-handler.js';
import type { Source } from '../domain/events.js';
import { CARTEL_DEL_NORESTE as CDN, COAHUILA_STATE_POLICE as POLICE } from './demo-actors.js';

/**
 * The worked example (docs/tallies.md): the Villa Unión attack (Coahuila, 30 Nov 2019) as the state government reported and revised it,
 * plus two related incidents from the same article, linked to it (docs/merge.md). Fixed ids, so loading the
 * demo twice changes nothing.
 */
const VILLA_UNION = '6b3f8a52-3c1e-4c1f-9a51-2d0e8f1b7a01';
const BAVISPE = '6b3f8a52-3c1e-4c1f-9a51-2d0e8f1b7a02';
const CULIACAN = '6b3f8a52-3c1e-4c1f-9a51-2d0e8f1b7a03';

const COAHUILA: Source = { name: 'Coahuila state government', kind: 'government', publishedAt: '2019-12-01T20:00:00Z' };
const PRESS: Source = { name: 'International press', kind: 'media' };
const SECURITY_CABINET: Source = { name: 'Federal security cabinet', kind: 'government' };

let records = 0;
const record = (incidentId: string, occurredAt: string, source: Source, datePrecision: 'exact' | 'day' = 'day') => ({
  incidentId,
  recordId: `7c4e9b63-4d2f-4d20-8b62-${String(++records).padStart(12, '0')}`,
  occurredAt,
  datePrecision,
  source,
});

export const demoCommands: readonly IncidentCommandInput[] = [
  {
    type: 'OpenIncident',
    data: {
      incidentId: VILLA_UNION,
      title: 'Attack on Villa Unión',
      category: 'battle',
      occurredAt: '2019-11-30T12:00:00-06:00',
      datePrecision: 'exact',
      location: { country: 'MX', admin1: 'Coahuila', admin2: 'Villa Unión', place: 'Municipal building', lat: 28.2196, lon: -100.7264, geoPrecision: 'point' },
      description:
        'At noon a convoy with more than 60 gunmen entered the town, strafed the municipal building, took hostages and fought police for about 90 minutes.',
      tags: ['cartel', 'convoy', 'hostages'],
    },
  },
  { type: 'AddTimelineNote', data: { ...record(VILLA_UNION, '2019-11-30T12:00:00-06:00', COAHUILA, 'exact'), text: 'Convoy of more than 60 gunmen enters the town and attacks the municipal building' } },
  { type: 'ReportCasualties', data: { ...record(VILLA_UNION, '2019-11-30', COAHUILA), party: 'armed_group', perpetratorActorId: POLICE, outcome: 'killed', count: 7, basis: 'incremental', note: 'Killed by police on 30 Nov' } },
  { type: 'ReportCasualties', data: { ...record(VILLA_UNION, '2019-12-01', COAHUILA), party: 'armed_group', perpetratorActorId: POLICE, outcome: 'killed', count: 7, basis: 'incremental', note: 'Killed by police on 1 Dec' } },
  { type: 'ReportCasualties', data: { ...record(VILLA_UNION, '2019-12-01', COAHUILA), party: 'unknown', outcome: 'killed', count: 3, basis: 'incremental', note: 'Three more bodies identified' } },
  // The same day the government restated its figures as totals over the two days.
  { type: 'ReportCasualties', data: { ...record(VILLA_UNION, '2019-12-01', COAHUILA), party: 'armed_group', perpetratorActorId: POLICE, outcome: 'killed', count: 14, basis: 'cumulative' } },
  { type: 'ReportCasualties', data: { ...record(VILLA_UNION, '2019-12-01', COAHUILA), party: 'police', perpetratorActorId: CDN, outcome: 'killed', count: 4, basis: 'cumulative' } },
  { type: 'ReportCasualties', data: { ...record(VILLA_UNION, '2019-12-01', COAHUILA), party: 'civilian', perpetratorActorId: CDN, outcome: 'killed', count: 2, basis: 'cumulative', note: 'Abducted and killed' } },
  { type: 'ReportCasualties', data: { ...record(VILLA_UNION, '2019-12-01', COAHUILA), party: 'police', perpetratorActorId: CDN, outcome: 'injured', count: 6, basis: 'cumulative' } },
  { type: 'RecordHostagesTaken', data: { ...record(VILLA_UNION, '2019-11-30', COAHUILA), party: 'civilian', perpetratorActorId: CDN, count: 2, note: 'Abducted, later found killed' } },
  { type: 'RecordHostagesKilled', data: { ...record(VILLA_UNION, '2019-12-01', COAHUILA), party: 'civilian', perpetratorActorId: CDN, count: 2 } },
  { type: 'RecordHostagesTaken', data: { ...record(VILLA_UNION, '2019-11-30', COAHUILA), party: 'civilian', perpetratorActorId: CDN, count: 4 } },
  { type: 'RecordVehiclesSeized', data: { ...record(VILLA_UNION, '2019-12-01', COAHUILA), count: 17, vehicleKind: 'armed vehicle' } },
  {
    type: 'OpenIncident',
    data: {
      incidentId: BAVISPE,
      title: 'Ambush of US citizens in northern Mexico',
      category: 'violence_against_civilians',
      occurredAt: '2019-11-04T10:00:00-07:00',
      datePrecision: 'exact',
      location: { country: 'MX', admin1: 'Sonora', admin2: 'Bavispe', place: 'Road to La Mora', geoPrecision: 'admin2' },
      description: 'Gunmen ambushed a convoy of families; nine US citizens were killed.',
      tags: ['ambush', 'us-citizens'],
    },
  },
  { type: 'ReportCasualties', data: { ...record(BAVISPE, '2019-11-04', PRESS), party: 'civilian', outcome: 'killed', count: 9, basis: 'cumulative' } },
  {
    type: 'OpenIncident',
    data: {
      incidentId: CULIACAN,
      title: 'Culiacán clashes after the arrest of Ovidio Guzmán',
      category: 'battle',
      occurredAt: '2019-10-17T15:30:00-06:00',
      datePrecision: 'exact',
      location: { country: 'MX', admin1: 'Sinaloa', admin2: 'Culiacán', place: 'Tres Ríos', geoPrecision: 'admin2' },
      description: 'Gunmen fought security forces across the city after Ovidio Guzmán was arrested; he was released the same day.',
      tags: ['cartel', 'arrest'],
    },
  },
  { type: 'RecordArrests', data: { ...record(CULIACAN, '2019-10-17T15:30:00-06:00', SECURITY_CABINET, 'exact'), count: 1, note: 'Ovidio Guzmán, released hours later' } },
  { type: 'AddTimelineNote', data: { ...record(CULIACAN, '2019-10-17T19:00:00-06:00', SECURITY_CABINET, 'exact'), text: 'Government orders the release of Ovidio Guzmán to stop the fighting' } },
  { type: 'LinkIncident', data: { incidentId: VILLA_UNION, otherIncidentId: BAVISPE, relation: 'related' } },
  { type: 'LinkIncident', data: { incidentId: VILLA_UNION, otherIncidentId: CULIACAN, relation: 'related' } },
  // docs/actors.md: one cartel against the state police.
  { type: 'AttachActor', data: { incidentId: VILLA_UNION, actorId: CDN, role: 'perpetrator' } },
  { type: 'AttachActor', data: { incidentId: VILLA_UNION, actorId: POLICE, role: 'side_b' } },
];
