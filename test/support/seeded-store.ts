import { randomUUID } from 'node:crypto';
import { sealEvents, storedData } from '../../src/event-store/envelope.js';
import type { EventStore } from '../../src/event-store/event-store.port.js';
import { incidentStream } from '../../src/event-store/stream-names.js';
import { schemaVersionOf } from '../../src/incidents/stored-events/incident-events.js';
import { PARTIES, type IncidentEvent } from '../../src/incidents/domain/events.js';

const SOURCES = [
  { name: 'Coahuila state government', kind: 'government' },
  { name: 'El Siglo de Torreón', kind: 'media' },
] as const;

/** An incident opened in Villa Unión, Coahuila, Mexico. */
export const seededOpening = (incidentId: string): IncidentEvent => ({
  type: 'IncidentOpened',
  data: {
    incidentId,
    title: 'Seeded incident',
    category: 'battle',
    occurredAt: '2019-11-30T12:00:00-06:00',
    datePrecision: 'exact',
    location: { country: 'MX', admin1: 'Coahuila', admin2: 'Villa Unión', place: 'Municipal building', geoPrecision: 'admin1' },
    description: '',
    tags: [],
  },
});

/**
 * One incident's history as the decider would have decided it: opened, then casualty reports
 * (incremental and cumulative, two sources, every party), each 10th corrected, each 25th retracted.
 */
function incidentHistory(incidentId: string, events: number): IncidentEvent[] {
  const history: IncidentEvent[] = [seededOpening(incidentId)];
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

/** Appends one incident's events straight to the store, hash-chained and sealed as the command handler seals them, in appends of at most 1,000. */
export async function appendHistory(store: EventStore, incidentId: string, history: readonly IncidentEvent[]): Promise<void> {
  const commandId = randomUUID();
  const recordedAt = new Date().toISOString();
  const events = sealEvents(
    null,
    history.map((event) => ({ id: randomUUID(), type: event.type, data: storedData(event) })),
    ({ type }) => ({ commandId, correlationId: commandId, causationId: commandId, actor: 'seed', recordedAt, schemaVersion: schemaVersionOf(type) }),
  );
  for (let start = 0; start < events.length; start += 1_000) {
    await store.appendToStream(incidentStream(incidentId), events.slice(start, start + 1_000), { expectedRevision: start === 0 ? 'no_stream' : BigInt(start - 1) });
  }
}

/** Fills the store with `incidents` incidents of `eventsPerIncident` events each (see `incidentHistory`). Returns the incident ids. */
export async function seedIncidents(store: EventStore, incidents: number, eventsPerIncident: number): Promise<string[]> {
  const ids = Array.from({ length: incidents }, () => randomUUID());
  for (const incidentId of ids) await appendHistory(store, incidentId, incidentHistory(incidentId, eventsPerIncident));
  return ids;
}
