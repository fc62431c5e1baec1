import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { recordedAtOf } from '../../event-store/envelope.js';
import { EventStore, type RecordedEvent } from '../../event-store/event-store.port.js';
import { APPLICATION_STREAM_PREFIXES, INCIDENT_STREAM_PREFIX, incidentIdOf } from '../../event-store/stream-names.js';
import { copyRows, copyUpsert, writeRows } from '../../projections/bulk-write.js';
import { MAX_PAYLOAD, notify, type Projection, type ProjectionWriter } from '../../projections/projection.js';
import { ProjectionHandler } from '../../projections/projections-host.js';
import { SOURCE_EVENT_TYPES } from '../../sources/domain/events.js';
import type { SourceDirectory } from '../../sources/domain/source-directory.js';
import { sourceKey } from '../../sources/domain/source-key.js';
import { toIncidentEvent } from '../stored-events/incident-events.js';
import { INCIDENT_EVENT_TYPES, type IncidentStatus } from '../domain/events.js';
import type { RecordLedger } from '../domain/record-ledger.js';
import { attributionOf } from '../domain/attribution.js';
import { talliesByPolicy } from '../domain/tally.js';
import { FIGURE_TABLES, type FigureChange, figureRowsOf, writeFigures } from './incident-figures/incident-figure.rows.js';
import { fold, type Folding, IncidentFoldings } from './incident-foldings.js';
import { recountSurvivors, writeLinks } from './incident-merges.js';
import { foldActorMerges, incidentsNaming, lastActorMerge, moveMergeChains } from './actor-survivors.js';
import { type RecordRow, recordRowOf, WRITE_RECORDS } from './incident-records/incident-record.rows.js';
import { type SummaryRow, summaryRowOf, WRITE_SUMMARIES } from './incident-summary/incident-summary.rows.js';
import { SourceDirectoryFold, type SourceKeysChange } from './source-directory-fold.js';
import { loadTemporalStates, TemporalBatch, TEMPORAL_TABLES } from './temporal/temporal.rows.js';
import { appendToClock } from './temporal/temporal-clock.js';
import { TALLY_CHECKPOINT_TABLES } from './temporal/tally-checkpoint.rows.js';

/** Channel announcing committed changes, payload `{"position","incidentIds":[…]}` (the GraphQL `tallyUpdated` feed). */
export const INCIDENT_CHANGED_CHANNEL = 'incident_changed';
export const INCIDENTS_PROJECTION = 'incidents';

/**
 * The tables of the incidents projection, in the order `reset` locks them (and readers that must
 * not see them emptied midway: `TemporalTallies`). The checkpoint tables first: a
 * `TallyCheckpointer` making one holds them, and waits for no other table of these.
 */
export const INCIDENTS_TABLES = [...TALLY_CHECKPOINT_TABLES, 'incident_summaries', 'incident_records', 'incident_links', ...FIGURE_TABLES, ...TEMPORAL_TABLES, 'actor_survivors'];

/** An incident the batch changed: the records it touched, and whether its figure rows are rebuilt without one (a registry change, its merge). */
type Changed = { readonly folding: Folding; readonly records: ReadonlySet<string>; readonly refigured: boolean };

// One uuid is 39 bytes in a JSON array; the rest of the payload is well under 100.
const IDS_PER_NOTIFICATION = Math.floor((MAX_PAYLOAD - 100) / 39);

/**
 * Incident summaries, records/timeline and figures and their temporal versions (written by `IncidentsWriter`). It reads the
 * source registry's events too, from the same `$all`, since aliases and reliabilities shape tallies, and
 * the actor registry's merges, since they change how the incidents naming the merged actors read.
 */
@Injectable()
@ProjectionHandler()
export class IncidentsProjection implements Projection {
  readonly name = INCIDENTS_PROJECTION;
  // Other actor events only move the checkpoint (they are not in `eventTypes`), so reads can wait for an actor write's position too.
  readonly streamNamePrefixes = APPLICATION_STREAM_PREFIXES;
  readonly eventTypes = [...INCIDENT_EVENT_TYPES, ...SOURCE_EVENT_TYPES, 'ActorMerged'];

  constructor(private readonly store: EventStore) {}

  writer(): ProjectionWriter {
    return new IncidentsWriter(new SourceDirectoryFold(this.store));
  }

  async reset(manager: EntityManager): Promise<void> {
    await manager.query(`TRUNCATE ${INCIDENTS_TABLES.join(', ')}`);
  }
}

/** A casualty record naming a source (as `sourceKey`), live after position `from` and, when retracted, before `until`. */
type Citation = { readonly key: string; readonly from: bigint; until?: bigint };

/**
 * The casualty records an incident cites sources by over a batch, from its ledger as the batch
 * found it (live records, from before the batch) and the batch's events (upcast, as the fold reads
 * them): reports from their position, retractions ending them. Read before the batch is folded.
 */
function citationsOf(ledger: RecordLedger, events: readonly RecordedEvent[]): Citation[] {
  const citations = new Map<string, Citation>();
  for (const [recordId, { record, retracted }] of ledger) {
    if (record.type === 'CasualtiesReported' && !retracted) citations.set(recordId, { key: sourceKey(record.data.source.name), from: -1n });
  }
  for (const recorded of events) {
    const event = toIncidentEvent(recorded);
    // A reused record id keeps the first record, as in the ledger.
    if (event.type === 'CasualtiesReported' && !ledger.has(event.data.recordId) && !citations.has(event.data.recordId)) {
      citations.set(event.data.recordId, { key: sourceKey(event.data.source.name), from: recorded.position });
    } else if (event.type === 'RecordRetracted') {
      const citation = citations.get(event.data.recordId);
      if (citation) citation.until ??= recorded.position;
    }
  }
  return [...citations.values()];
}

/**
 * The position of the last registry event that renamed a source the incident cited at that
 * position (a casualty record reported before it and not retracted before it), or `undefined`.
 * Records retracted earlier do not count, whichever batch retracted them: the rule reads the
 * events up to the registry event only, so a replay (`verify`, `rebuild`) gives the same positions.
 */
function lastRefiguring(changes: readonly SourceKeysChange[], citations: readonly Citation[]): bigint | undefined {
  let last: bigint | undefined;
  for (const { position, keys } of changes) {
    if (citations.some(({ key, from, until }) => keys.has(key) && from < position && (until === undefined || until > position))) last = position;
  }
  return last;
}

/**
 * Per batch, for the incidents it touches: takes their state and record ledger (`IncidentFoldings`),
 * folds the new events with the domain's `evolveInto` (skipping replays by revision), folds the
 * registry's events into the source directory, recomputes each tally (under every policy, with the
 * directory as of the batch's end) with the domain's `talliesByPolicy`, writes the changed rows in
 * bulk and notifies the changed incidents on commit. An incident the batch does not touch but whose
 * sources a registry event merged, split or re-rated (found by its source-figure rows) is
 * recomputed too, in the same transaction as the checkpoint.
 */
class IncidentsWriter implements ProjectionWriter {
  private readonly foldings = new IncidentFoldings();
  /**
   * Whether any incident is merged into another: read once per writer, then kept from the folded
   * states. Until one is, no survivor needs recounting, and the batch skips the merge chains' queries
   * (without statistics on `merged_into`, PostgreSQL reads the whole summaries table for them).
   */
  private merges: boolean | undefined;
  constructor(private readonly sources: SourceDirectoryFold) {}

  async apply(events: readonly RecordedEvent[], manager: EntityManager): Promise<void> {
    const byIncident = new Map<string, RecordedEvent[]>();
    const { directory, sourceKeys, changes } = await this.sources.fold(events);
    for (const event of events) {
      if (!event.stream.startsWith(INCIDENT_STREAM_PREFIX)) continue;
      const id = incidentIdOf(event.stream);
      const ofIncident = byIncident.get(id);
      if (ofIncident) ofIncident.push(event);
      else byIncident.set(id, [event]);
    }
    const actorMerges = await foldActorMerges(manager, events);
    for (const id of [...(await this.citing(manager, sourceKeys)), ...(await incidentsNaming(manager, actorMerges))]) if (!byIncident.has(id)) byIncident.set(id, []);
    const foldings = await this.foldings.load(manager, [...byIncident.keys()]);
    await loadTemporalStates(manager, [...foldings.values()]);
    const temporal = new TemporalBatch();
    const changed: Changed[] = [];
    const renamedMerged: { into: string; position: bigint }[] = [];
    for (const [id, incidentEvents] of byIncident) {
      const folding = foldings.get(id)!;
      // Most batches hold no registry event: then no citation is looked for (it would upcast every event again).
      const citations = changes.length === 0 ? [] : citationsOf(folding.ledger, incidentEvents);
      const records = fold(folding, incidentEvents, (recorded, event) => temporal.add(folding, recorded, event));
      // A registry event that changes how an incident counts its sources changes its read model: the
      // change feed and `tallyUpdated` carry it at that event's position, as they would one of its own.
      const refigured = lastRefiguring(changes, citations);
      // So does an actor merge that changes how it reads (its figure rows stay: they keep actor ids).
      const renamed = lastActorMerge(actorMerges, folding);
      for (const position of [refigured, renamed]) if (position !== undefined && position > folding.position) folding.position = position;
      if (renamed !== undefined && folding.state.mergedInto !== undefined) renamedMerged.push({ into: folding.state.mergedInto, position: renamed });
      // Merged, an incident's figure rows are its own again: as a survivor they held those merged into it.
      const rebuilt = refigured !== undefined || incidentEvents.some(({ type }) => type === 'IncidentMergedInto');
      if ((records || rebuilt || renamed !== undefined) && folding.state.fields) changed.push({ folding, records: records ?? new Set(), refigured: rebuilt });
    }
    await this.write(manager, changed, directory);
    await temporal.write(manager);
    await writeLinks(manager, events);
    const recounted = (await this.anyMerged(manager, changed)) ? await recountSurvivors(manager, this.foldings, changed.map(({ folding }) => folding), directory) : [];
    const ids = [...new Set([...changed.map(({ folding }) => folding.incidentId), ...recounted, ...(await moveMergeChains(manager, renamedMerged))])];
    const position = events.at(-1)!.position.toString();
    const payloads: string[] = [];
    for (let i = 0; i < ids.length; i += IDS_PER_NOTIFICATION) {
      payloads.push(JSON.stringify({ position, incidentIds: ids.slice(i, i + IDS_PER_NOTIFICATION) }));
    }
    await notify(manager, INCIDENT_CHANGED_CHANNEL, payloads);
  }

  /** Every event of the projection's streams ticks the record-time clock, applied or not (a registry, actor or quarantined event too): a time stands for every event recorded by then. */
  async passed(events: readonly RecordedEvent[], manager: EntityManager): Promise<void> {
    await appendToClock(manager, events.map((event) => ({ position: event.position, recordedAt: recordedAtOf(event) })));
  }

  /** Whether an incident is merged into another, as the batch's rows (written) and the ones before have it. */
  private async anyMerged(manager: EntityManager, changed: readonly Changed[]): Promise<boolean> {
    this.merges ??= ((await manager.query('SELECT EXISTS (SELECT FROM incident_summaries WHERE merged_into IS NOT NULL) AS merged')) as { merged: boolean }[])[0].merged;
    this.merges ||= changed.some(({ folding }) => folding.state.mergedInto !== undefined);
    return this.merges;
  }

  /** The incidents with a stored figure from a source named (as `sourceKey`) by one of `keys`. */
  private async citing(manager: EntityManager, keys: readonly string[]): Promise<string[]> {
    if (keys.length === 0) return [];
    const rows: { incident_id: string }[] = await manager.query('SELECT DISTINCT incident_id FROM incident_source_figures WHERE source_key = ANY($1::text[])', [keys]);
    return rows.map(({ incident_id: id }) => id);
  }

  private async write(manager: EntityManager, changed: readonly Changed[], directory: SourceDirectory): Promise<void> {
    const figures: FigureChange[] = [];
    // New incidents' summaries are inserted by COPY alone; only those that have a row go through the upsert's staging.
    const summaries = { added: [] as SummaryRow[], changed: [] as SummaryRow[] };
    const addedRecords: RecordRow[] = [];
    const changedRecords: RecordRow[] = [];
    for (const { folding, records: touchedRecords, refigured } of changed) {
      const { incidentId, state, ledger } = folding;
      const tallies = talliesByPolicy(ledger, directory);
      const tally = tallies.LATEST;
      const { fields, status, mergedInto, actors } = state;
      summaries[folding.summaryStored ? 'changed' : 'added'].push(
        summaryRowOf({ incidentId, revision: folding.revision, position: folding.position, fields: fields!, status: status as IncidentStatus, tally, mergedInto, actors }),
      );
      folding.summaryStored = true;
      if (touchedRecords.size === 0 && !refigured) continue;
      // Notes, seizures and arrests leave casualty and hostage figures as they were: the diff writes nothing for them.
      const after = figureRowsOf(incidentId, tallies, attributionOf(ledger));
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
    await copyRows(manager, WRITE_SUMMARIES, summaries.added);
    await copyUpsert(manager, WRITE_SUMMARIES, summaries.changed);
    await copyRows(manager, WRITE_RECORDS, addedRecords);
    await writeRows(manager, WRITE_RECORDS, changedRecords);
    await writeFigures(manager, figures);
  }
}
