import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { RecordedEvent } from '../../event-store/event-store.port.js';
import { INCIDENT_STREAM_PREFIX, incidentIdOf } from '../../event-store/stream-names.js';
import { writeRows } from '../../projections/bulk-write.js';
import { MAX_PAYLOAD, notify, type Projection } from '../../projections/projection.js';
import { ProjectionHandler } from '../../projections/projections-host.js';
import { toIncidentEvent } from '../application/incident-events.js';
import { INCIDENT_EVENT_TYPES, type IncidentEvent } from '../domain/events.js';
import { evolve, initialState, type IncidentState } from '../domain/incident.js';
import { applyToLedger, type LedgerEntry, touchesLedger } from '../domain/record-ledger.js';
import { type Tally, tallyOfLedger } from '../domain/tally.js';
import { FIGURE_TABLES, replaceFigures } from './incident-figures/incident-figure.rows.js';
import { LOAD_RECORDS, ledgerEntryOf, recordRowOf, type StoredRecord, WRITE_RECORDS } from './incident-records/incident-record.rows.js';
import { fieldsOf, type StoredSummary, summaryRowOf, WRITE_SUMMARIES } from './incident-summary/incident-summary.rows.js';

/** Channel announcing committed changes, payload `{"position","incidentIds":[…]}` (the GraphQL `tallyUpdated` feed). */
export const INCIDENT_CHANGED_CHANNEL = 'incident_changed';
export const INCIDENTS_PROJECTION = 'incidents';

/** An incident as the projection folds it: domain state plus what the rows need besides. */
interface Folding {
  readonly incidentId: string;
  state: IncidentState;
  /** Mutable copy of `state.records`, folded with the domain's `applyToLedger`. */
  ledger: Map<string, LedgerEntry>;
  revision: bigint;
  position: bigint;
  /** The stored tally: kept when the batch leaves the ledger alone (its records are then not loaded). */
  tally: Tally | undefined;
  recordedAt: Map<string, Date>;
  touchedRecords: Set<string>;
}

// One uuid is 39 bytes in a JSON array; the rest of the payload is well under 100.
const IDS_PER_NOTIFICATION = Math.floor((MAX_PAYLOAD - 100) / 39);

/**
 * Incident summaries, records/timeline and figures. Per batch, for the incidents it touches: loads
 * their rows back into the domain's state and record ledger, folds the new events with the domain's
 * `evolve`/`applyToLedger`, recomputes each tally with the domain's `tallyOfLedger`, and writes the
 * rows in bulk. Events at or below a row's stored revision are replays and are skipped.
 */
@Injectable()
@ProjectionHandler()
export class IncidentsProjection implements Projection {
  readonly name = INCIDENTS_PROJECTION;
  readonly streamNamePrefixes = [INCIDENT_STREAM_PREFIX];
  readonly eventTypes = INCIDENT_EVENT_TYPES;

  async apply(events: readonly RecordedEvent[], manager: EntityManager): Promise<void> {
    const byIncident = new Map<string, RecordedEvent[]>();
    for (const event of events) {
      const id = incidentIdOf(event.stream);
      const ofIncident = byIncident.get(id);
      if (ofIncident) ofIncident.push(event);
      else byIncident.set(id, [event]);
    }
    const foldings = await this.load(manager, byIncident);
    const changed: Folding[] = [];
    for (const [id, incidentEvents] of byIncident) {
      const folding = foldings.get(id) ?? newFolding(id);
      if (fold(folding, incidentEvents) && folding.state.fields) changed.push(folding);
      foldings.set(id, folding);
    }
    await this.write(manager, changed);
    const ids = changed.map((folding) => folding.incidentId);
    const position = events.at(-1)!.position.toString();
    const payloads: string[] = [];
    for (let i = 0; i < ids.length; i += IDS_PER_NOTIFICATION) {
      payloads.push(JSON.stringify({ position, incidentIds: ids.slice(i, i + IDS_PER_NOTIFICATION) }));
    }
    await notify(manager, INCIDENT_CHANGED_CHANNEL, payloads);
  }

  async reset(manager: EntityManager): Promise<void> {
    await manager.query(`TRUNCATE incident_summaries, incident_records, ${FIGURE_TABLES.join(', ')}`);
  }

  /** Current state of the touched incidents; records only where the batch touches the ledger. */
  private async load(manager: EntityManager, byIncident: ReadonlyMap<string, RecordedEvent[]>): Promise<Map<string, Folding>> {
    const summaries: StoredSummary[] = await manager.query('SELECT * FROM incident_summaries WHERE incident_id = ANY($1::uuid[])', [[...byIncident.keys()]]);
    const foldings = new Map<string, Folding>();
    for (const row of summaries) {
      const folding = newFolding(row.incident_id as string);
      folding.state = { status: row.status as 'open' | 'closed', fields: fieldsOf(row), records: folding.ledger };
      folding.revision = BigInt(row.revision as string);
      folding.position = BigInt(row.position as string);
      folding.tally = row.tally as Tally;
      foldings.set(row.incident_id as string, folding);
    }
    const withRecords = [...foldings.keys()].filter((id) => byIncident.get(id)!.some((event) => touchesLedger(toIncidentEvent(event))));
    if (withRecords.length > 0) {
      const records: StoredRecord[] = await manager.query(LOAD_RECORDS, [withRecords]);
      for (const row of records) {
        const folding = foldings.get(row.incident_id)!;
        folding.ledger.set(row.record_id, ledgerEntryOf(row));
        folding.recordedAt.set(row.record_id, row.recorded_at);
      }
    }
    return foldings;
  }

  private async write(manager: EntityManager, changed: readonly Folding[]): Promise<void> {
    const tallies = new Map<string, Tally>();
    const summaries = [];
    const records = [];
    for (const folding of changed) {
      const { incidentId, state, ledger, touchedRecords } = folding;
      const tally = touchedRecords.size === 0 && folding.tally ? folding.tally : tallyOfLedger(ledger);
      summaries.push(summaryRowOf({ incidentId, revision: folding.revision, position: folding.position, fields: state.fields!, status: state.status as 'open' | 'closed', tally }));
      if (touchedRecords.size === 0) continue;
      tallies.set(incidentId, tally);
      let seq = 0;
      for (const [recordId, entry] of ledger) {
        if (touchedRecords.has(recordId)) records.push(recordRowOf(incidentId, seq, entry, folding.recordedAt.get(recordId)!));
        seq++;
      }
    }
    await writeRows(manager, WRITE_SUMMARIES, summaries);
    await writeRows(manager, WRITE_RECORDS, records);
    await replaceFigures(manager, tallies);
  }
}

const newFolding = (incidentId: string): Folding => {
  const ledger = new Map<string, LedgerEntry>();
  return { incidentId, state: { ...initialState, records: ledger }, ledger, revision: -1n, position: 0n, tally: undefined, recordedAt: new Map(), touchedRecords: new Set() };
};

/** Folds one incident's events (stream order) that are past its stored revision; true if any was. */
function fold(folding: Folding, events: readonly RecordedEvent[]): boolean {
  let applied = false;
  for (const recorded of events) {
    if (recorded.revision <= folding.revision) continue;
    const event: IncidentEvent = toIncidentEvent(recorded);
    if (touchesLedger(event)) {
      // The ledger is folded in place (the domain's `applyToLedger`), not copied per event as `evolve` would.
      applyToLedger(folding.ledger, event);
      const recordId = (event.data as { recordId: string }).recordId;
      if (folding.ledger.has(recordId)) folding.touchedRecords.add(recordId);
      if (!folding.recordedAt.has(recordId)) folding.recordedAt.set(recordId, recorded.recordedAt);
    } else {
      folding.state = { ...evolve(folding.state, event), records: folding.ledger };
    }
    folding.revision = recorded.revision;
    folding.position = recorded.position;
    applied = true;
  }
  return applied;
}
