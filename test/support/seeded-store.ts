import { randomUUID } from 'node:crypto';
import { sealEvents } from '../../src/event-store/envelope.js';
import type { EventStore } from '../../src/event-store/event-store.port.js';
import { incidentStream } from '../../src/event-store/stream-names.js';
import { schemaVersionOf, toEventData } from '../../src/incidents/application/incident-events.js';
import { PARTIES, type IncidentEvent } from '../../src/incidents/domain/events.js';

const SOURCES = [
  { name: 'Coahuila state government', kind: 'government' },
  { name: 'El Siglo de Torreón', kind: 'media' },
] as const;

/**
 * One incident's history as the decider would have decided it: opened, then casualty reports
 * (incremental and cumulative, two sources, every party), each 10th corrected, each 25th retracted.
 */
function incidentHistory(incidentId: string, events: number): IncidentEvent[] {
  const history: IncidentEvent[] = [
    {
      type: 'IncidentOpened',
      data: {
        incidentId,
        title: 'Seeded incident',
        category: 'battle',
        occurredAt: '2019-11-30T12:00:00-06:00',
        location: { country: 'MX', admin1: 'Coahuila', admin2: 'Villa Unión', place: 'Municipal building' },
        description: '',
        tags: [],
      },
    },
  ];
  for (let n = 1; history.length < events; n++) {
    const recordId = randomUUID();
    history.push({
      type: 'CasualtiesReported',
      data: {
        incidentId,
        recordId,
        occurredAt: '2019-11-30T14:00:00Z',
        datePrecision: 'exact',
        source: SOURCES[n % 2],
        party: PARTIES[n % PARTIES.length],
        outcome: n % 3 === 0 ? 'injured' : 'killed',
        count: n,
        basis: n % 4 === 0 ? 'cumulative' : 'incremental',
      },
    });
    if (n % 10 === 0 && history.length < events) history.push({ type: 'RecordCorrected', data: { incidentId, recordId, count: n + 1, reason: 'revised' } });
    if (n % 25 === 0 && history.length < events) history.push({ type: 'RecordRetracted', data: { incidentId, recordId, reason: 'withdrawn' } });
  }
  return history;
}

/**
 * Fills the store with `incidents` incidents of `eventsPerIncident` hash-chained events each,
 * appended straight to the event-store port (one append per stream), as the command handler seals
 * them. Returns the incident ids.
 */
export async function seedIncidents(store: EventStore, incidents: number, eventsPerIncident: number): Promise<string[]> {
  const ids = Array.from({ length: incidents }, () => randomUUID());
  const recordedAt = new Date().toISOString();
  for (const incidentId of ids) {
    const commandId = randomUUID();
    const events = sealEvents(
      null,
      incidentHistory(incidentId, eventsPerIncident).map((event) => ({ id: randomUUID(), type: event.type, data: toEventData(event) })),
      ({ type }) => ({ commandId, correlationId: commandId, causationId: commandId, actor: 'seed', recordedAt, schemaVersion: schemaVersionOf(type) }),
    );
    await store.appendToStream(incidentStream(incidentId), events, { expectedRevision: 'no_stream' });
  }
  return ids;
}
