import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { RecordedEvent } from '../../event-store/event-store.port.js';
import { ACTOR_STREAM_PREFIX, INCIDENT_STREAM_PREFIX, incidentIdOf } from '../../event-store/stream-names.js';
import { copyRows, copyUpsert, writeRows } from '../../projections/bulk-write.js';
import { MAX_PAYLOAD, notify, type Projection, type ProjectionWriter } from '../../projections/projection.js';
import { ProjectionHandler } from '../../projections/projections-host.js';
import { INCIDENT_EVENT_TYPES, type IncidentStatus } from '../domain/events.js';
import { attributionOf } from '../domain/attribution.js';
import { tallyOfLedger } from '../domain/tally.js';
import { FIGURE_TABLES, type FigureChange, figureRowsOf, writeFigures } from './incident-figures/incident-figure.rows.js';
import { fold, type Folding, IncidentFoldings } from './incident-foldings.js';
import { recountSurvivors, writeLinks } from './incident-merges.js';
import { type RecordRow, recordRowOf, WRITE_RECORDS } from './incident-records/incident-record.rows.js';
import { summaryRowOf, WRITE_SUMMARIES } from './incident-summary/incident-summary.rows.js';
import { loadTemporalStates, TemporalBatch, TEMPORAL_TABLES } from './temporal/temporal.rows.js';

/** Channel announcing committed changes, payload `{"position","incidentIds":[…]}` (the GraphQL `tallyUpdated` feed). */
export const INCIDENT_CHANGED_CHANNEL = 'incident_changed';
export const INCIDENTS_PROJECTION = 'incidents';

/** An incident folded further by a batch, and its records whose rows change. */
type Changed = { readonly folding: Folding; readonly records: ReadonlySet<string> };

// One uuid is 39 bytes in a JSON array; the rest of the payload is well under 100.
const IDS_PER_NOTIFICATION = Math.floor((MAX_PAYLOAD - 100) / 39);

/** Incident summaries, records/timeline, figures and their temporal versions (written by `IncidentsWriter`). */
@Injectable()
@ProjectionHandler()
export class IncidentsProjection implements Projection {
  readonly name = INCIDENTS_PROJECTION;
  // Actor events only move the checkpoint (they are not in `eventTypes`), so reads can wait for an actor write's position too.
  readonly streamNamePrefixes = [INCIDENT_STREAM_PREFIX, ACTOR_STREAM_PREFIX];
  readonly eventTypes = INCIDENT_EVENT_TYPES;

  writer(): ProjectionWriter {
    return new IncidentsWriter();
  }

  async reset(manager: EntityManager): Promise<void> {
    await manager.query(`TRUNCATE incident_summaries, incident_records, incident_links, ${[...FIGURE_TABLES, ...TEMPORAL_TABLES].join(', ')}`);
  }
}

/**
 * Per batch, for the incidents it touches: takes their state and record ledger (`IncidentFoldings`),
 * folds the new events with the domain's `evolveInto` (skipping replays by revision),
 * recomputes each tally with the domain's `tallyOfLedger`, writes the changed rows in bulk and
 * notifies the changed incidents on commit.
 */
class IncidentsWriter implements ProjectionWriter {
  private readonly foldings = new IncidentFoldings();

  async apply(events: readonly RecordedEvent[], manager: EntityManager): Promise<void> {
    const byIncident = new Map<string, RecordedEvent[]>();
    for (const event of events) {
      const id = incidentIdOf(event.stream);
      const ofIncident = byIncident.get(id);
      if (ofIncident) ofIncident.push(event);
      else byIncident.set(id, [event]);
    }
    const foldings = await this.foldings.load(manager, [...byIncident.keys()]);
    await loadTemporalStates(manager, [...foldings.values()]);
    const temporal = new TemporalBatch();
    const changed: Changed[] = [];
    for (const [id, incidentEvents] of byIncident) {
      const folding = foldings.get(id)!;
      const records = fold(folding, incidentEvents, (recorded, event) => temporal.add(folding, recorded, event));
      if (records && folding.state.fields) changed.push({ folding, records });
    }
    await this.write(manager, changed);
    await temporal.write(manager);
    await writeLinks(manager, events);
    const recounted = await recountSurvivors(manager, this.foldings, changed.map(({ folding }) => folding));
    const ids = [...new Set([...changed.map(({ folding }) => folding.incidentId), ...recounted])];
    const position = events.at(-1)!.position.toString();
    const payloads: string[] = [];
    for (let i = 0; i < ids.length; i += IDS_PER_NOTIFICATION) {
      payloads.push(JSON.stringify({ position, incidentIds: ids.slice(i, i + IDS_PER_NOTIFICATION) }));
    }
    await notify(manager, INCIDENT_CHANGED_CHANNEL, payloads);
  }

  private async write(manager: EntityManager, changed: readonly Changed[]): Promise<void> {
    const figures: FigureChange[] = [];
    const summaries = [];
    const addedRecords: RecordRow[] = [];
    const changedRecords: RecordRow[] = [];
    for (const { folding, records: touchedRecords } of changed) {
      const { incidentId, state, ledger } = folding;
      const tally = tallyOfLedger(ledger);
      const { fields, status, mergedInto } = state;
      summaries.push(summaryRowOf({ incidentId, revision: folding.revision, position: folding.position, fields: fields!, status: status as IncidentStatus, tally, mergedInto }));
      if (touchedRecords.size === 0) continue;
      // Notes, seizures and arrests leave casualty and hostage figures as they were: the diff writes nothing for them.
      const after = figureRowsOf(incidentId, tally, attributionOf(ledger));
      figures.push({ incidentId, before: folding.figures, after });
      folding.figures = after;
      let seq = 0;
      for (const [recordId, entry] of ledger) {
        if (touchedRecords.has(recordId)) {
          (seq < folding.storedRecords ? changedRecords : addedRecords).push(recordRowOf(incidentId, seq, entry, folding.recordedAt.get(recordId)!));
        }
        seq++;
      }
      folding.storedRecords = ledger.size;
    }
    await copyUpsert(manager, WRITE_SUMMARIES, summaries);
    await copyRows(manager, WRITE_RECORDS, addedRecords);
    await writeRows(manager, WRITE_RECORDS, changedRecords);
    await writeFigures(manager, figures);
  }
}
