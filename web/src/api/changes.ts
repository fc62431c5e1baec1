import { claimedRoles } from '../auth';
import { graphql, NotAllowed } from './client';
import { HISTORY_QUERY } from './documents';
import { formatNumber, isolated } from '../format';
import type { Change, TimelineEntry } from './types';

interface HistoryPage {
  incidentHistory: { items: { type: string; data: Record<string, unknown>; position: string; recordedAt: string }[]; nextCursor: string | null };
}

/** Roles that may read an incident's stored events (`incidentHistory`). */
const HISTORY_ROLES = ['auditor', 'admin'];

/**
 * Every recorded change of the incident, oldest first: its stored events, each with its position
 * as `asOf` (needs the auditor role). A token without it (as it claims, or as the server answers)
 * gets the timeline's entries, each with its `recordedAt` as `asOf`: a later correction or
 * retraction then shows at the step of the entry recorded before it, not at the entry it changes.
 */
export async function loadChanges(id: string, timeline: TimelineEntry[]): Promise<Change[]> {
  try {
    const roles = claimedRoles();
    if (roles && !roles.some((role) => HISTORY_ROLES.includes(role))) throw new NotAllowed('no auditor role');
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
      .map((entry) => ({ asOf: entry.recordedAt, type: entry.type, recordedAt: entry.recordedAt, data: { summary: entry.summary, recordId: entry.recordId, source: entry.source } }));
  }
}

const words = (value: unknown) => String(value).toLowerCase().replace(/_/g, ' ');
const number = (value: unknown) => formatNumber(Number(value));
const counted = (value: unknown, one: string, many: string) => `${number(value)} ${Number(value) === 1 ? one : many}`;

/**
 * One line for a change: what was recorded, by which source (docs/domain.md's events), numbers in the
 * reader's locale, the API's codes (party, outcome, relation, role) in words and free text (a vehicle
 * or weapon kind, a title, a reason) as the reporter wrote it, as the timeline shows it. A timeline entry (the path of a token without `auditor`) carries the server's
 * own line as `data.summary`, which is shown as it is. `names` maps actor and incident ids to their
 * names (the incident's `actors` and `links`); an id without one is shown as the id.
 */
export function describeChange({ type, data }: Change, names: ReadonlyMap<string, string> = new Map()): string {
  if (typeof data.summary === 'string') return isolated(data.summary);
  const source = (data.source as { name?: string } | undefined)?.name;
  const by = source ? ` — ${isolated(source)}` : '';
  const nameOf = (id: unknown) => isolated(names.get(String(id)) ?? String(id));
  const text = (value: unknown) => isolated(String(value ?? ''));
  switch (type) {
    case 'IncidentOpened':
      return `Incident opened: ${text(data.title)}`;
    case 'CasualtiesReported':
      return `${words(data.party)} ${words(data.outcome)}: ${data.basis === 'cumulative' ? `${number(data.count)} in total` : `+${number(data.count)}`}${by}`;
    case 'HostagesTaken':
    case 'HostagesReleased':
    case 'HostagesKilled':
      return `${type.replace('Hostages', 'Hostages ').toLowerCase()}: ${words(data.party)} ${number(data.count)}${by}`;
    case 'VehiclesSeized':
      return `${counted(data.count, 'vehicle', 'vehicles')} seized (${text(data.vehicleKind)})${by}`;
    case 'WeaponsSeized':
      return `${counted(data.count, 'weapon', 'weapons')} seized (${text(data.weaponKind)})${by}`;
    case 'ArrestsMade':
      return `${counted(data.count, 'person', 'people')} arrested${by}`;
    case 'TimelineNoteAdded':
      return `Note: ${text(data.text)}${by}`;
    case 'RecordCorrected':
      return `Record corrected to ${number(data.count)}: ${text(data.reason)}`;
    case 'RecordRetracted':
      return `Record retracted: ${text(data.reason)}`;
    case 'IncidentLinked':
      return `Linked to ${nameOf(data.otherIncidentId)} (${words(data.relation)})`;
    case 'IncidentClosed':
    case 'IncidentReopened':
      return `Incident ${type === 'IncidentClosed' ? 'closed' : 'reopened'}${data.reason ? `: ${text(data.reason)}` : ''}`;
    case 'IncidentMergedInto':
      return `Merged into ${nameOf(data.into)}`;
    case 'ActorAttached':
      return `Actor attached: ${nameOf(data.actorId)} (${words(data.role)})`;
    case 'ActorDetached':
      return `Actor detached: ${nameOf(data.actorId)}`;
    default:
      return type.replace(/([a-z])([A-Z])/g, (_, last: string, next: string) => `${last} ${next.toLowerCase()}`);
  }
}
