import { incidentStream } from '../../event-store/stream-names.js';
import type { OtherIncident } from '../domain/commands.js';
import type { IncidentHistories } from './incident-histories.js';

/**
 * The incident a link or merge names, read from its stream (docs/merge.md: decided against the stream,
 * never a read model) and followed along its merges to the incident that answers for it. A path
 * that comes back to an id already on it stops there (the decider refuses the merges that would
 * make one, so only a hand-made history could).
 */
export async function otherIncident(histories: IncidentHistories, id: string): Promise<OtherIncident> {
  const path = [id];
  let history = await histories.read(incidentStream(id));
  const status = history?.state.status ?? 'none';
  for (let into = history?.state.mergedInto; into !== undefined && !path.includes(into); into = history?.state.mergedInto) {
    path.push(into);
    history = await histories.read(incidentStream(into));
  }
  return { status, path };
}
