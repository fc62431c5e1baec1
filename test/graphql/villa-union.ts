import type { TestApp } from '../support/test-app.js';
import { graphql } from './graphql-client.js';

/** The worked example's Villa Unión attack through GraphQL mutations, plus an earlier, higher media figure. */
export const COAHUILA = { name: 'Coahuila state government', kind: 'GOVERNMENT' };
export const PRESS = { name: 'El Siglo de Torreón', kind: 'MEDIA', url: 'https://example.org/villa-union' };

export const OPEN_INCIDENT = /* GraphQL */ `
  mutation Open($input: OpenIncidentInput!, $commandId: ID) {
    openIncident(input: $input, commandId: $commandId) { incidentId recordId revision position }
  }`;

export const REPORT_CASUALTIES = /* GraphQL */ `
  mutation Report($incidentId: ID!, $input: ReportCasualtiesInput!, $commandId: ID, $expectedRevision: String) {
    reportCasualties(incidentId: $incidentId, input: $input, commandId: $commandId, expectedRevision: $expectedRevision) { incidentId recordId revision position }
  }`;

export const villaUnionIncident = (overrides: object = {}) => ({
  title: 'Attack on Villa Unión',
  category: 'BATTLE',
  occurredAt: '2019-11-30T12:00:00-06:00',
  location: { country: 'MX', admin1: 'Coahuila', admin2: 'Villa Unión', place: 'Municipal building' },
  tags: ['cartel'],
  ...overrides,
});

const killed = (party: string, count: number, basis: 'INCREMENTAL' | 'CUMULATIVE', occurredAt: string, source: object = COAHUILA) => ({
  occurredAt,
  datePrecision: 'DAY',
  source,
  party,
  outcome: 'KILLED',
  count,
  basis,
});

/** Runs the example; returns the incident id and the position of its last write. */
export async function recordVillaUnion(t: TestApp, authorization: string, incident: object = {}): Promise<{ incidentId: string; position: string }> {
  const opened = await graphql(t, authorization, OPEN_INCIDENT, { input: villaUnionIncident(incident) });
  if (opened.errors) throw new Error(JSON.stringify(opened.errors));
  const incidentId: string = opened.data!.openIncident.incidentId;
  const records: [string, string, object][] = [
    ['reportCasualties', 'ReportCasualtiesInput', killed('ARMED_GROUP', 7, 'INCREMENTAL', '2019-11-30')],
    ['reportCasualties', 'ReportCasualtiesInput', killed('ARMED_GROUP', 21, 'CUMULATIVE', '2019-12-01', PRESS)],
    ['reportCasualties', 'ReportCasualtiesInput', killed('ARMED_GROUP', 7, 'INCREMENTAL', '2019-12-01')],
    ['reportCasualties', 'ReportCasualtiesInput', killed('UNKNOWN', 3, 'INCREMENTAL', '2019-12-01')],
    ['reportCasualties', 'ReportCasualtiesInput', killed('ARMED_GROUP', 14, 'CUMULATIVE', '2019-12-01')],
    ['reportCasualties', 'ReportCasualtiesInput', killed('POLICE', 4, 'CUMULATIVE', '2019-12-01')],
    ['reportCasualties', 'ReportCasualtiesInput', killed('CIVILIAN', 2, 'CUMULATIVE', '2019-12-01')],
    ['reportCasualties', 'ReportCasualtiesInput', { ...killed('POLICE', 6, 'CUMULATIVE', '2019-12-01'), outcome: 'INJURED' }],
    ['recordHostagesTaken', 'HostagesInput', { occurredAt: '2019-11-30', source: COAHUILA, party: 'CIVILIAN', count: 2 }],
    ['recordHostagesKilled', 'HostagesInput', { occurredAt: '2019-12-01', source: COAHUILA, party: 'CIVILIAN', count: 2 }],
    ['recordHostagesTaken', 'HostagesInput', { occurredAt: '2019-11-30', source: COAHUILA, party: 'CIVILIAN', count: 4 }],
    ['recordVehiclesSeized', 'VehiclesSeizedInput', { occurredAt: '2019-12-01', source: COAHUILA, count: 17, vehicleKind: 'armed vehicle' }],
    ['addTimelineNote', 'TimelineNoteInput', { occurredAt: '2019-11-30T12:00:00-06:00', source: COAHUILA, text: 'Convoy of more than 60 gunmen enters the town' }],
  ];
  let position = opened.data!.openIncident.position as string;
  for (const [mutation, inputType, input] of records) {
    const written = await graphql(
      t,
      authorization,
      `mutation($incidentId: ID!, $input: ${inputType}!) { ${mutation}(incidentId: $incidentId, input: $input) { position } }`,
      { incidentId, input },
    );
    if (written.errors) throw new Error(JSON.stringify(written.errors));
    position = written.data![mutation].position;
  }
  return { incidentId, position };
}
