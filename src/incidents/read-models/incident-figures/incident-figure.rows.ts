import type { EntityManager } from 'typeorm';
import { type BulkWrite, writeRows } from '../../../projections/bulk-write.js';
import { OUTCOMES } from '../../domain/events.js';
import type { Tally } from '../../domain/tally.js';

const CASUALTY_FIGURES: BulkWrite = {
  table: 'incident_casualty_figures',
  columns: { incident_id: 'uuid', outcome: 'text', party: 'text', best: 'integer', low: 'integer', high: 'integer' },
};
const SOURCE_FIGURES: BulkWrite = {
  table: 'incident_source_figures',
  columns: { incident_id: 'uuid', outcome: 'text', party: 'text', source: 'text', figure: 'integer' },
};
const HOSTAGES: BulkWrite = {
  table: 'incident_hostages',
  columns: {
    incident_id: 'uuid',
    party: 'text',
    taken: 'integer',
    released: 'integer',
    rescued: 'integer',
    escaped: 'integer',
    killed: 'integer',
    held: 'integer',
  },
};

export const FIGURE_TABLES = [CASUALTY_FIGURES.table, SOURCE_FIGURES.table, HOSTAGES.table];

/**
 * Replaces the figure rows of these incidents with their tallies' figures, row for row: the tally
 * (computed by the domain) is the only source of the numbers.
 */
export async function replaceFigures(manager: EntityManager, tallies: ReadonlyMap<string, Tally>): Promise<void> {
  if (tallies.size === 0) return;
  const ids = [...tallies.keys()];
  for (const table of FIGURE_TABLES) await manager.query(`DELETE FROM ${table} WHERE incident_id = ANY($1::uuid[])`, [ids]);
  const entries = [...tallies];
  const partyFigures = entries.flatMap(([incidentId, tally]) =>
    OUTCOMES.flatMap((outcome) => tally[outcome].byParty.map((figure) => ({ incidentId, outcome, figure }))),
  );
  await writeRows(
    manager,
    CASUALTY_FIGURES,
    partyFigures.map(({ incidentId, outcome, figure: { party, best, low, high } }) => ({ incident_id: incidentId, outcome, party, best, low, high })),
  );
  await writeRows(
    manager,
    SOURCE_FIGURES,
    partyFigures.flatMap(({ incidentId, outcome, figure }) =>
      figure.sources.map((source) => ({ incident_id: incidentId, outcome, party: figure.party, source: source.name, figure: source.figure })),
    ),
  );
  await writeRows(
    manager,
    HOSTAGES,
    entries.flatMap(([incidentId, tally]) => tally.hostages.map((hostages) => ({ incident_id: incidentId, ...hostages }))),
  );
}
