import { graphql, NotAllowed } from './client';
import { HISTORY_QUERY } from './documents';
import type { Change, TimelineEntry } from './types';

interface HistoryPage {
  incidentHistory: { items: { type: string; data: Record<string, unknown>; position: string; recordedAt: string }[]; nextCursor: string | null };
}

/**
 * Every recorded change of the incident, oldest first: its stored events, each with its position
 * as `asOf` (needs the auditor role). A token without it gets the timeline's entries, each with its
 * `recordedAt` as `asOf` (corrections and retractions then show inside the entry they change).
 */
export async function loadChanges(id: string, timeline: TimelineEntry[]): Promise<Change[]> {
  try {
    const changes: Change[] = [];
    let after: string | null = null;
    do {
      const page: HistoryPage = await graphql<HistoryPage>(HISTORY_QUERY, { id, after });
      changes.push(...page.incidentHistory.items.map((item) => ({ asOf: item.position, type: item.type, recordedAt: item.recordedAt, data: item.data })));
      after = page.incidentHistory.nextCursor;
    } while (after);
    return changes;
  } catch (error) {
    if (!(error instanceof NotAllowed)) throw error;
    return [...timeline]
      .sort((a, b) => a.recordedAt.localeCompare(b.recordedAt))
      .map((entry) => ({ asOf: entry.recordedAt, type: entry.type, recordedAt: entry.recordedAt, data: { summary: entry.summary } }));
  }
}

const words = (value: unknown) => String(value).toLowerCase().replace(/_/g, ' ');

/** One line for a change: what was recorded, by which source (SPEC §3's events). */
export function describeChange({ type, data }: Change): string {
  const source = (data.source as { name?: string } | undefined)?.name;
  const by = source ? ` — ${source}` : '';
  switch (type) {
    case 'IncidentOpened':
      return `Incident opened: ${String(data.title ?? '')}`;
    case 'CasualtiesReported':
      return `${words(data.party)} ${words(data.outcome)}: ${data.basis === 'cumulative' ? `${String(data.count)} in total` : `+${String(data.count)}`}${by}`;
    case 'HostagesTaken':
    case 'HostagesReleased':
    case 'HostagesKilled':
      return `${type.replace('Hostages', 'Hostages ').toLowerCase()}: ${words(data.party)} ${String(data.count)}${by}`;
    case 'VehiclesSeized':
    case 'WeaponsSeized':
      return `${String(data.count)} ${String(data.vehicleKind ?? data.weaponKind ?? '')} seized${by}`;
    case 'ArrestsMade':
      return `${String(data.count)} arrested${by}`;
    case 'TimelineNoteAdded':
      return `Note: ${String(data.text ?? '')}${by}`;
    case 'RecordCorrected':
      return `Record corrected to ${String(data.count)}: ${String(data.reason ?? '')}`;
    case 'RecordRetracted':
      return `Record retracted: ${String(data.reason ?? '')}`;
    default:
      return typeof data.summary === 'string' ? data.summary : type.replace(/([a-z])([A-Z])/g, '$1 $2');
  }
}
