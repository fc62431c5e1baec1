import type { LinkIncident, MergeIncident } from './commands.js';
import { DomainError } from './domain-error.js';
import { LINK_RELATIONS, type IncidentEvent } from './events.js';
import { requireIncident, requireOneOf, requireWithinLimit } from './guards.js';
import { survivorLedger } from './merged-ledger.js';
import { tallyOfLedger } from './tally.js';
import type { IncidentState } from './incident.js';

/**
 * docs/merge.md's rules between two incidents. The other incident's stream is read by the application
 * and comes on the command (`other`), so these stay pure.
 */

/** Links this incident to another; the same link again decides nothing, another relation replaces it. */
export function linkIncident({ data, other }: LinkIncident, state: IncidentState): IncidentEvent[] {
  requireNotMerged(state, data.incidentId);
  requireOneOf(data.relation, LINK_RELATIONS, 'relation');
  if (data.otherIncidentId === data.incidentId) {
    throw new DomainError('LINK.TO_ITSELF', 'An incident cannot be linked to itself', 'otherIncidentId');
  }
  requireOther(other, data.otherIncidentId, 'otherIncidentId');
  if (other.path.length > 1) {
    throw new DomainError('INCIDENT.MERGED', `Incident ${data.otherIncidentId} was merged into ${other.path.at(-1)}; link that incident`, 'otherIncidentId');
  }
  return state.links.get(data.otherIncidentId) === data.relation ? [] : [{ type: 'IncidentLinked', data }];
}

/**
 * Merges this incident into `into`, or into the incident `into` was itself merged into (`other.path`
 * ends with it): the event names that survivor. Merging again into the same survivor decides nothing;
 * a merge that would lead back to this incident, or take a figure of the survivor past `MAX_FIGURE`
 * (`TALLY.LIMIT_EXCEEDED` naming `into`), is refused.
 */
export function mergeIncident({ data, other, merged, survivor, metadata }: MergeIncident, state: IncidentState): IncidentEvent[] {
  requireIncident(state, data.incidentId);
  if (data.into === data.incidentId) throw new DomainError('MERGE.INTO_ITSELF', 'An incident cannot be merged into itself', 'into');
  requireOther(other, data.into, 'into');
  if (state.mergedInto !== undefined) {
    if (other.path.includes(state.mergedInto)) return [];
    throw new DomainError('INCIDENT.MERGED', `Incident ${data.incidentId} was already merged into ${state.mergedInto}`, 'into');
  }
  if (other.path.includes(data.incidentId)) {
    throw new DomainError('MERGE.CYCLE', `Incident ${data.into} was merged into ${data.incidentId}; merging back would make a cycle`, 'into');
  }
  const into = other.path.at(-1)!;
  // docs/figure-limits.md on the survivor as the merge leaves it: its ledger with this incident's and those merged
  // into either (`survivorLedger`, as every read counts it).
  const { records, merged: before } = survivor ?? { records: new Map(), merged: new Map() };
  const parts = new Map([...before, ...(merged ?? []), [data.incidentId, state.records]]);
  requireWithinLimit(tallyOfLedger(survivorLedger(records, parts)), () => tallyOfLedger(survivorLedger(records, before)), 'into', metadata.sources);
  return [{ type: 'IncidentMergedInto', data: { incidentId: data.incidentId, into } }];
}

/** A merged incident is closed for good: it is not reopened, amended or linked; its survivor is. */
export function requireNotMerged(state: IncidentState, incidentId: string): void {
  requireIncident(state, incidentId);
  if (state.mergedInto !== undefined) {
    throw new DomainError('INCIDENT.MERGED', `Incident ${incidentId} was merged into ${state.mergedInto}; use that incident`);
  }
}

function requireOther(other: LinkIncident['other'], id: string, field: string): void {
  if (other.status === 'none') throw new DomainError('INCIDENT.NOT_FOUND', `Incident ${id} does not exist`, field);
}
