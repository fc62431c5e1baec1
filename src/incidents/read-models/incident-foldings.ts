import { LRUCache } from 'lru-cache';
import type { EntityManager } from 'typeorm';
import { recordedAtOf } from '../../event-store/envelope.js';
import type { RecordedEvent } from '../../event-store/event-store.port.js';
import { toIncidentEvent } from '../stored-events/incident-events.js';
import type { IncidentEvent, IncidentStatus } from '../domain/events.js';
import { evolveInto, initialState, type IncidentState } from '../domain/incident.js';
import { type LedgerEntry, touchesLedger } from '../domain/record-ledger.js';
import type { FigureRows } from './incident-figures/incident-figure.rows.js';
import { LOAD_RECORDS, ledgerEntryOf, type StoredRecord } from './incident-records/incident-record.rows.js';
import { fieldsOf, type StoredSummary } from './incident-summary/incident-summary.rows.js';
import { emptyTemporalState, type TemporalState } from './temporal/temporal.rows.js';

/** An incident as the projection folds it: the domain's state, plus what its rows need besides. */
export interface Folding {
  readonly incidentId: string;
  state: IncidentState;
  /** `state.records`, folded in place by the domain's `evolveInto`. */
  readonly ledger: Map<string, LedgerEntry>;
  /** Stream revision and position of the last event folded in. */
  revision: bigint;
  position: bigint;
  readonly recordedAt: Map<string, Date>;
  /** Whether its summary row exists (it is then upserted, otherwise inserted). */
  summaryStored: boolean;
  /** How many of the ledger's records (the first, in `seq` order) have rows: later ones are inserted, these updated. */
  storedRecords: number;
  /** The figure rows last written for this incident (so only those that change are rewritten); unknown after a load. */
  figures: FigureRows | undefined;
  /** What its temporal rows need; `undefined` after a load, until `loadTemporalStates`. */
  temporal: TemporalState | undefined;
}

/** Keeps the incidents most recently folded: catching up, the same few hundred incidents recur batch after batch. */
const CACHE_SIZE = 5_000;

/**
 * Loads touched incidents from their rows into the domain's state and ledger, and folds events into
 * them. One projection writer's: the foldings of its recent batches are kept in memory and reused
 * while their revision is the one stored. The writer is the tables' only one and is dropped after a
 * failed batch, so this is insurance: rows another process or a rebuild wrote show as a different
 * revision, and the incident is loaded from its rows again.
 */
export class IncidentFoldings {
  private readonly cache = new LRUCache<string, Folding>({ max: CACHE_SIZE });

  async load(manager: EntityManager, incidentIds: readonly string[]): Promise<Map<string, Folding>> {
    const stored: { incident_id: string; revision: string }[] = await manager.query(
      'SELECT incident_id, revision FROM incident_summaries WHERE incident_id = ANY($1::uuid[])',
      [incidentIds],
    );
    const foldings = new Map<string, Folding>();
    const missing: string[] = [];
    for (const { incident_id: id, revision } of stored) {
      const cached = this.cache.get(id);
      if (cached?.revision === BigInt(revision)) foldings.set(id, cached);
      else missing.push(id);
    }
    if (missing.length > 0) {
      for (const folding of await this.read(manager, missing)) foldings.set(folding.incidentId, folding);
    }
    for (const id of incidentIds) {
      if (!foldings.has(id)) foldings.set(id, newFolding(id));
      this.cache.set(id, foldings.get(id)!);
    }
    return foldings;
  }

  private async read(manager: EntityManager, ids: readonly string[]): Promise<Folding[]> {
    const summaries: StoredSummary[] = await manager.query('SELECT * FROM incident_summaries WHERE incident_id = ANY($1::uuid[])', [ids]);
    const foldings = new Map<string, Folding>();
    for (const row of summaries) {
      const folding = newFolding(row.incident_id as string);
      // Links are not read back: the projection writes them from their events and never decides on them.
      folding.state = {
        ...initialState,
        status: row.status as IncidentStatus,
        fields: fieldsOf(row),
        records: folding.ledger,
        mergedInto: row.merged_into ?? undefined,
        actors: new Map(Object.entries(row.actors)),
      };
      folding.revision = BigInt(row.revision as string);
      folding.position = BigInt(row.position as string);
      folding.summaryStored = true;
      // Its figure rows are not read back: the first batch replaces them.
      folding.figures = undefined;
      folding.temporal = undefined;
      foldings.set(folding.incidentId, folding);
    }
    const records: StoredRecord[] = await manager.query(LOAD_RECORDS, [ids]);
    for (const row of records) {
      const folding = foldings.get(row.incident_id)!;
      folding.ledger.set(row.record_id, ledgerEntryOf(row));
      folding.recordedAt.set(row.record_id, row.recorded_at);
      folding.storedRecords++;
    }
    return [...foldings.values()];
  }
}

/** An incident without rows yet. */
const newFolding = (incidentId: string): Folding => {
  const ledger = new Map<string, LedgerEntry>();
  return { incidentId, state: { ...initialState, records: ledger }, ledger, revision: -1n, position: 0n, recordedAt: new Map(), summaryStored: false, storedRecords: 0, figures: new Map(), temporal: emptyTemporalState() };
};

/**
 * Folds one incident's events (stream order) past its revision; events at or below it are replays
 * and are skipped. Returns the ids of the records whose rows change; `undefined` if nothing was folded.
 * `folded` sees each event once the incident's state includes it.
 */
export function fold(folding: Folding, events: readonly RecordedEvent[], folded?: (recorded: RecordedEvent, event: IncidentEvent) => void): Set<string> | undefined {
  let applied = false;
  const touched = new Set<string>();
  for (const recorded of events) {
    if (recorded.revision <= folding.revision) continue;
    const event: IncidentEvent = toIncidentEvent(recorded);
    folding.state = evolveInto(folding.ledger, folding.state, event);
    if (touchesLedger(event)) {
      const recordId = (event.data as { recordId: string }).recordId;
      if (folding.ledger.has(recordId)) touched.add(recordId);
      if (!folding.recordedAt.has(recordId)) folding.recordedAt.set(recordId, recordedAtOf(recorded));
    }
    folding.revision = recorded.revision;
    folding.position = recorded.position;
    folded?.(recorded, event);
    applied = true;
  }
  return applied ? touched : undefined;
}
