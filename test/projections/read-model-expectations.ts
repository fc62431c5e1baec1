import { expect } from '@jest/globals';
import { incidentStream } from '../../src/event-store/stream-names.js';
import { toIncidentEvent } from '../../src/incidents/stored-events/incident-events.js';
import { ledgerOf } from '../../src/incidents/domain/record-ledger.js';
import { tallyOf } from '../../src/incidents/domain/tally.js';
import type { ProjectionHarness } from './projection-harness.js';

/**
 * The read models hold, for every incident, exactly what the domain makes of its stream: the tally
 * of `tallyOf`, one record row per ledger entry with its count and flags, figure rows matching the
 * tally (no double counts, nothing missing).
 */
export async function expectReadModelsToEqualPureTallies(harness: ProjectionHarness, incidentIds?: readonly string[]): Promise<void> {
  const summaries: { incident_id: string; revision: string; tally: unknown }[] = await harness.dataSource.query(
    'SELECT incident_id, revision, tally FROM incident_summaries WHERE $1::uuid[] IS NULL OR incident_id = ANY($1::uuid[]) ORDER BY incident_id',
    [incidentIds ?? null],
  );
  expect(summaries.length).toBeGreaterThan(0);
  if (incidentIds) expect(summaries.length).toBe(incidentIds.length);
  for (const summary of summaries) {
    const stored = await harness.store.readStream(incidentStream(summary.incident_id));
    const events = stored.map(toIncidentEvent);
    const tally = tallyOf(events);
    expect({ id: summary.incident_id, revision: summary.revision, tally: summary.tally }).toEqual({
      id: summary.incident_id,
      revision: String(stored.at(-1)!.revision),
      tally,
    });
    const records = await harness.dataSource.query('SELECT record_id, count, corrected, retracted FROM incident_records WHERE incident_id = $1 ORDER BY seq', [summary.incident_id]);
    const ledger = [...ledgerOf(events)].map(([recordId, entry]) => ({ record_id: recordId, count: entry.count ?? null, corrected: entry.corrected, retracted: entry.retracted }));
    expect(records).toEqual(ledger);
    const [{ killed }] = await harness.dataSource.query(
      "SELECT coalesce(sum(best), 0)::int AS killed FROM incident_casualty_figures WHERE incident_id = $1 AND outcome = 'killed'",
      [summary.incident_id],
    );
    expect(killed).toBe(tally.killed.total.best);
  }
}
