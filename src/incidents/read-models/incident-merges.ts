import type { EntityManager } from 'typeorm';
import type { RecordedEvent } from '../../event-store/event-store.port.js';
import { writeRows, type BulkWrite } from '../../projections/bulk-write.js';
import { toIncidentEvent } from '../stored-events/incident-events.js';
import { attributionOf } from '../domain/attribution.js';
import { survivorLedger, survivorOf } from '../domain/merged-ledger.js';
import type { RecordLedger } from '../domain/record-ledger.js';
import type { SourceDirectory } from '../../sources/domain/source-directory.js';
import { talliesByPolicy } from '../domain/tally.js';
import { type FigureChange, figureRowsOf, writeFigures } from './incident-figures/incident-figure.rows.js';
import type { Folding, IncidentFoldings } from './incident-foldings.js';

const WRITE_LINKS: BulkWrite = {
  table: 'incident_links',
  columns: { incident_id: 'uuid', other_incident_id: 'uuid', relation: 'text' },
  upsert: { key: ['incident_id', 'other_incident_id'], update: ['relation'] },
};

/** The batch's `IncidentLinked` events as link rows (a later relation for the same pair replaces the earlier). */
export async function writeLinks(manager: EntityManager, events: readonly RecordedEvent[]): Promise<void> {
  const links = new Map<string, object>();
  for (const recorded of events) {
    const event = toIncidentEvent(recorded);
    if (event.type !== 'IncidentLinked') continue;
    const { incidentId, otherIncidentId, relation } = event.data;
    links.set(`${incidentId} ${otherIncidentId}`, { incident_id: incidentId, other_incident_id: otherIncidentId, relation });
  }
  await writeRows(manager, WRITE_LINKS, [...links.values()]);
}

/**
 * docs/merge.md: after a batch's own rows are written, recounts each survivor the batch touched (merged
 * into, or given records while it holds merged incidents): its summary tally and figure rows become
 * those of `survivorLedger`, in the batch's transaction. The merged incidents keep their own rows
 * (their reads show what they recorded); lists and cross-incident tallies leave them out by
 * `merged_into`. Sources are told apart across the merged ledgers as in one incident's (`sourceKey`,
 * `directory`: the registry as of the batch's end). Returns the survivors recounted, for the batch's notification.
 */
export async function recountSurvivors(manager: EntityManager, foldings: IncidentFoldings, changed: readonly Folding[], directory: SourceDirectory): Promise<string[]> {
  const rootOf = await rootsOf(manager, changed.map(({ incidentId, state }) => state.mergedInto ?? incidentId));
  // A survivor's position is that of the last event that changed its count, however the events were batched.
  const positions = new Map<string, bigint>();
  for (const { incidentId, state, position } of changed) {
    const root = rootOf.get(state.mergedInto ?? incidentId)!;
    if (position > (positions.get(root) ?? -1n)) positions.set(root, position);
  }
  const roots = [...positions.keys()];
  const members = await mergedInto(manager, roots);
  if (members.length === 0) return [];
  const loaded = await foldings.load(manager, [...new Set(members.flatMap(({ root, id }) => [root, id]))]);
  const merged = new Map<string, Map<string, RecordLedger>>();
  for (const { root, id } of members) merged.set(root, (merged.get(root) ?? new Map()).set(id, loaded.get(id)!.ledger));
  const figures: FigureChange[] = [];
  for (const [root, parts] of merged) {
    const folding = loaded.get(root)!;
    const ledger = survivorLedger(folding.ledger, parts);
    const tallies = talliesByPolicy(ledger, directory);
    const tally = tallies.LATEST;
    const after = figureRowsOf(root, tallies, attributionOf(ledger));
    figures.push({ incidentId: root, before: folding.figures, after });
    folding.figures = after;
    await manager.query(
      `UPDATE incident_summaries SET tally = $2::json, vehicles_seized = $3, weapons_seized = $4, arrests = $5, position = greatest(position, $6::bigint)
       WHERE incident_id = $1`,
      [root, JSON.stringify(tally), tally.vehiclesSeized, tally.weaponsSeized, tally.arrests, (positions.get(root) ?? 0n).toString()],
    );
  }
  await writeFigures(manager, figures);
  return [...merged.keys()];
}

/** The incident each given one counts under: followed along `merged_into` to one that is not merged. */
export async function rootsOf(manager: EntityManager, ids: readonly string[]): Promise<Map<string, string>> {
  const into = new Map<string, string>();
  let next = [...new Set(ids)];
  while (next.length > 0) {
    const merged: { incident_id: string; merged_into: string }[] = await manager.query(
      'SELECT incident_id, merged_into FROM incident_summaries WHERE incident_id = ANY($1::uuid[]) AND merged_into IS NOT NULL',
      [next],
    );
    for (const row of merged) into.set(row.incident_id, row.merged_into);
    next = merged.map((row) => row.merged_into).filter((id) => !into.has(id));
  }
  return new Map(ids.map((id) => [id, survivorOf(id, into)]));
}


/** The incidents merged into each of `roots`, directly or along a chain of merges, as the read model has them. */
export async function mergedInto(manager: EntityManager, roots: readonly string[]): Promise<{ root: string; id: string }[]> {
  if (roots.length === 0) return [];
  return manager.query(
    `WITH RECURSIVE m(root, id) AS (
       SELECT merged_into, incident_id FROM incident_summaries WHERE merged_into = ANY($1::uuid[])
       UNION SELECT m.root, s.incident_id FROM incident_summaries s JOIN m ON s.merged_into = m.id)
     SELECT root, id FROM m`,
    [roots],
  );
}
