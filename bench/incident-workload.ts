import type { IncidentCommand } from '../src/incidents/domain/commands.js';
import { decide } from '../src/incidents/domain/decide.js';
import { DomainError } from '../src/incidents/domain/domain-error.js';
import { CATEGORIES, PARTIES, RELEASE_HOWS, type IncidentEvent, type Source } from '../src/incidents/domain/events.js';
import { evolve, initialState, type IncidentState } from '../src/incidents/domain/incident.js';

/**
 * A realistic stream of valid incident events for benchmarks and long tests: incidents are reported
 * a few at a time (a window of open incidents whose commands interleave), mostly casualty reports
 * from several sources, with hostages, seizures, arrests, notes, corrections and retractions.
 * Commands go through the domain's `decide`, so every event is one the API could have appended.
 * Deterministic for a given seed.
 */
export interface Workload {
  /** Total events to produce (about; the last command may add one more). */
  readonly events: number;
  /** Commands per incident, on average. */
  readonly commandsPerIncident?: number;
  /** Incidents receiving commands at the same time. */
  readonly window?: number;
  readonly seed?: number;
}

/** One command's events, for one append to the incident's stream. */
export type Decided = { readonly incidentId: string; readonly events: readonly IncidentEvent[] };

const SOURCES: readonly Source[] = [
  { name: 'State government', kind: 'government' },
  { name: 'El Siglo de Torreón', kind: 'media' },
  { name: 'Reuters', kind: 'media', url: 'https://example.org/reuters' },
  { name: 'Local witness', kind: 'witness' },
];
const COUNTRIES = [['MX', ['Coahuila', 'Sinaloa', 'Sonora', 'Chihuahua']], ['CO', ['Antioquia', 'Cauca']], ['NG', ['Borno', 'Zamfara']]] as const;
const NOW = new Date('2024-01-01T00:00:00Z');


export function* incidentWorkload({ events, commandsPerIncident = 20, window = 20, seed = 1 }: Workload): Generator<Decided> {
  // Ids differ by seed, so workloads of different seeds can be appended side by side.
  const uuidOf = (n: number, kind: number): string =>
    `${kind.toString(16).padStart(4, '0')}${(seed & 0xffff).toString(16).padStart(4, '0')}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
  let random = seed;
  const next = () => ((random = (Math.imul(random, 1_103_515_245) + 12_345) >>> 0) / 2 ** 32);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
  const count = (max: number) => 1 + Math.floor(next() * max);
  let produced = 0;
  let incidents = 0;
  let records = 0;
  const open = new Map<string, { state: IncidentState; left: number; day: number }>();

  while (produced < events) {
    while (open.size < window) {
      const incidentId = uuidOf(++incidents, 1);
      const [country, admin1s] = pick(COUNTRIES);
      const day = Math.floor(next() * 1500);
      const occurredAt = new Date(Date.UTC(2019, 0, 1) + day * 86_400_000).toISOString();
      const command = {
        type: 'OpenIncident',
        data: {
          incidentId,
          title: `Incident ${incidents}`,
          category: pick(CATEGORIES),
          occurredAt,
          datePrecision: 'day',
          location: { country, admin1: pick(admin1s), admin2: 'Municipality', place: 'Centre', geoPrecision: 'admin2' },
          description: 'Generated for a benchmark',
          tags: ['generated'],
        },
        metadata: { now: NOW },
      } as IncidentCommand;
      open.set(incidentId, { state: initialState, left: Math.max(1, Math.round(commandsPerIncident * (0.5 + next()))), day });
      yield* apply(incidentId, command);
    }
    const incidentId = pick([...open.keys()]);
    const incident = open.get(incidentId)!;
    if (--incident.left <= 0) open.delete(incidentId);
    yield* apply(incidentId, commandFor(incidentId, incident.state, incident.day));
  }

  function* apply(incidentId: string, command: IncidentCommand): Generator<Decided> {
    const incident = open.get(incidentId);
    let decided: IncidentEvent[];
    try {
      decided = decide(command, incident?.state ?? initialState);
    } catch (error) {
      if (error instanceof DomainError) return;
      throw error;
    }
    if (decided.length === 0) return;
    if (incident) incident.state = decided.reduce(evolve, incident.state);
    produced += decided.length;
    yield { incidentId, events: decided };
  }

  function commandFor(incidentId: string, state: IncidentState, day: number): IncidentCommand {
    const base = {
      incidentId,
      recordId: uuidOf(++records, 2),
      occurredAt: new Date(Date.UTC(2019, 0, 1) + (day + Math.floor(next() * 3)) * 86_400_000 + Math.floor(next() * 86_400) * 1000).toISOString(),
      datePrecision: 'exact',
      source: pick(SOURCES),
    };
    const existing = [...state.records.values()].filter((entry) => entry.record.type !== 'TimelineNoteAdded' && !entry.retracted);
    const roll = next();
    const command = (type: string, data: object) => ({ type, data, metadata: { now: NOW } }) as IncidentCommand;
    if (state.status === 'closed') return command('ReopenIncident', { incidentId });
    if (roll < 0.5) {
      const basis = next() < 0.6 ? 'incremental' : 'cumulative';
      return command('ReportCasualties', { ...base, party: pick(PARTIES), outcome: next() < 0.7 ? 'killed' : 'injured', count: count(20), basis });
    }
    if (roll < 0.58) return command('RecordHostagesTaken', { ...base, party: pick(PARTIES), count: count(6) });
    if (roll < 0.62) return command('RecordHostagesReleased', { ...base, party: pick(PARTIES), count: 1, how: pick(RELEASE_HOWS) });
    if (roll < 0.68) return command('RecordVehiclesSeized', { ...base, count: count(10), vehicleKind: 'armed pickup' });
    if (roll < 0.72) return command('RecordWeaponsSeized', { ...base, count: count(30), weaponKind: 'rifle' });
    if (roll < 0.76) return command('RecordArrests', { ...base, count: count(5) });
    if (roll < 0.86) return command('AddTimelineNote', { ...base, text: 'Residents report continued gunfire near the plaza.' });
    if (roll < 0.94 && existing.length > 0) return command('CorrectRecord', { incidentId, recordId: pick(existing).record.data.recordId, count: count(25), reason: 'Revised figure' });
    if (roll < 0.97 && existing.length > 0) return command('RetractRecord', { incidentId, recordId: pick(existing).record.data.recordId, reason: 'Withdrawn by source' });
    if (roll < 0.985) return command('AmendIncident', { incidentId, description: `Updated ${records}` });
    return command('CloseIncident', { incidentId, reason: 'No further reports' });
  }
}
