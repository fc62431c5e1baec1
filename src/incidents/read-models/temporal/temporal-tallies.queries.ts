import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { ProjectionBehind } from '../../../projections/projection-positions.js';
import type { IncidentFields, IncidentStatus, Outcome, Party } from '../../domain/events.js';
import type { Tally, TallyView } from '../../domain/tally.js';
import { type Checkpoint, checkpointOf, readCheckpoint } from '../../../projections/checkpoints.js';
import { INCIDENTS_PROJECTION, INCIDENTS_TABLES } from '../incidents.projection.js';
import { positionsAt } from './temporal-clock.js';
import { AT_CUTS, atCutsParameters, heldRowsOf, type IncidentCut, knownAtCuts, knownIncidentOf, NOT_QUARANTINED, VERSION_TABLES, type VersionRows } from './incident-cuts.queries.js';
import { asOfRelations } from './as-of-relations.js';
import { checkpointedGroups } from './tally-checkpoints.queries.js';
import { DEFAULT_BEST_POLICY } from '../../domain/best-policy.js';
import type { IncidentFilter } from '../../domain/incident-filter.js';
import type { GroupBy, TallyGroup } from '../../domain/tally-groups.js';
import { summedGroups } from '../incident-summary/tally-groups.queries.js';

/** Temporal rows that have not reached `cut` (a rebuild reset them since the read waited for it) are the projection being behind: 503 `READ_MODEL.BEHIND`. */
function requireReached(reached: Checkpoint, cut: bigint): void {
  if ((reached ?? 0n) < cut) throw new ProjectionBehind(INCIDENTS_PROJECTION, cut, 0);
}

/** The latest of some positions (0 for none). */
export const furthestOf = (positions: readonly bigint[]): bigint => positions.reduce((max, position) => (position > max ? position : max), 0n);

const HELD = 't.valid_from <= $1 AND t.valid_to > $1';

/** An incident as known at a position: what as-of reads, exports and diffs need. */
export interface KnownIncident {
  readonly incidentId: string;
  readonly status: IncidentStatus;
  readonly fields: IncidentFields;
  readonly tally: Tally;
  /** The survivor it had been merged into by then (docs/merge.md). */
  readonly mergedInto: string | undefined;
}

/**
 * "As of P" from the temporal read model: the versions whose range `[valid_from, valid_to)` holds
 * P, in one statement (an incident's by index probes), with no replay. Tallies are rebuilt from the per-spelling rows
 * with the domain's `tallyOfParts` under the caller's view (the source registry as of the cut and
 * the best-figure policy), so they are the fold's tallies (a property test checks it against
 * `IncidentAsOfFold`). Quarantined incidents are left out, as in lists.
 */
@Injectable()
export class TemporalTallies {
  constructor(private readonly dataSource: DataSource) {}

  /** The positions record times stand for (`positionsAt` of the record-time clock), in their order. */
  positionsAt(times: readonly Date[]): Promise<{ position: bigint; settled: boolean }[]> {
    return positionsAt(this.dataSource.manager, times);
  }

  /** The position the temporal rows (the incidents projection) have reached; 0 before any. */
  async reached(): Promise<bigint> {
    return (await readCheckpoint(this.dataSource, INCIDENTS_PROJECTION)) ?? 0n;
  }

  /**
   * Runs `read` in one snapshot (REPEATABLE READ) in which the temporal rows have reached `cut`.
   * Callers ask for cuts the rows had reached (`AsOfTallyService.cutsOf`); a rebuild that reset them
   * since is seen here, in the same snapshot as the rows, and answered as the projection being
   * behind (503 `READ_MODEL.BEHIND`), never as the incidents it has not replayed yet. The tables are
   * locked (ACCESS SHARE, in `reset`'s order) before the snapshot is taken: `TRUNCATE` is not MVCC-safe,
   * so a reset committed after the snapshot would otherwise show its tables empty to it.
   */
  private reading<T>(cut: bigint, read: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      await manager.query(`LOCK TABLE ${INCIDENTS_TABLES.join(', ')} IN ACCESS SHARE MODE`);
      requireReached(await readCheckpoint(manager, INCIDENTS_PROJECTION), cut);
      return read(manager);
    });
  }

  /**
   * `reading` for a read of one statement (of one row): the checkpoint is read in that statement.
   * A statement locks every table it names before it takes its snapshot, so a reset committed by
   * then shows in both, and one committed later waits for it: no transaction, no `LOCK`, one round
   * trip where `reading` takes five.
   */
  private async readingOnce<Row>(cut: bigint, sql: string, parameters: unknown[]): Promise<Row> {
    const [row] = (await this.dataSource.query(`SELECT q.*, ${checkpointOf(`$${parameters.length + 1}`)} AS reached FROM (${sql}) q`, [
      ...parameters,
      INCIDENTS_PROJECTION,
    ])) as (Row & { reached: string | null })[];
    requireReached(row.reached === null ? undefined : BigInt(row.reached), cut);
    return row;
  }

  /** The incidents (all, or those of `incidentIds`) opened by position `at`, as known then, their tallies read with `view`, in no particular order. */
  async incidents(at: bigint, view: TallyView, incidentIds?: readonly string[]): Promise<KnownIncident[]> {
    if (incidentIds) return (await this.incidentsAt(incidentIds.map((incidentId) => ({ incidentId, at, view })))).filter((known) => known !== undefined);
    const held = ([table, , columns]: readonly [string, readonly string[], string]) =>
      `SELECT coalesce(json_agg(r), '[]') FROM (SELECT t.incident_id, ${columns} FROM ${table} t WHERE ${HELD} AND ${NOT_QUARANTINED}) r`;
    // One statement (one round trip), each table's rows as a JSON array.
    const rows = await this.readingOnce<VersionRows>(
      at,
      `SELECT (${held(VERSION_TABLES.incidents)}) AS incidents, (${held(VERSION_TABLES.figures)}) AS figures,
         (${held(VERSION_TABLES.hostages)}) AS hostages, (${held(VERSION_TABLES.seizures)}) AS seizures`,
      [at.toString()],
    );
    const rowsOf = heldRowsOf(rows, (row) => row.incident_id);
    return rows.incidents.map(({ incident_id: id }) => knownIncidentOf(rowsOf(id)!, view));
  }

  /** Each asked incident as known at its own cut, in the order asked (`knownAtCuts`); `undefined` when not opened by then. */
  async incidentsAt(cuts: readonly IncidentCut[]): Promise<(KnownIncident | undefined)[]> {
    if (cuts.length === 0) return [];
    return knownAtCuts(await this.readingOnce(furthestOf(cuts.map(({ at }) => at)), AT_CUTS, atCutsParameters(cuts)), cuts);
  }

  /**
   * Tallies across incidents as of `cut` (`tallies(filter, groupBy, asOf)` without ACTOR), summed by
   * PostgreSQL from the last tally checkpoint before the cut (`checkpointedGroups`) where it
   * answers, else over the versions valid then (`asOfRelations`) with `view`. Survivors of merges
   * count their merged incidents' records.
   */
  async groups(cut: bigint, view: TallyView, filter: IncidentFilter, groupBy: readonly GroupBy[]): Promise<TallyGroup[]> {
    const checkpointed = await this.reading(cut, (manager) => checkpointedGroups(manager, cut, view, filter, groupBy));
    return checkpointed ?? this.withoutCheckpoints(cut, view, filter, groupBy);
  }

  /** `groups` over every incident's versions valid at the cut (`asOfRelations`), whatever tally checkpoints there are. */
  withoutCheckpoints(cut: bigint, view: TallyView, filter: IncidentFilter, groupBy: readonly GroupBy[]): Promise<TallyGroup[]> {
    return this.reading(cut, async (manager) =>
      summedGroups(manager, await asOfRelations(manager, cut, view), filter, groupBy, view.policy ?? DEFAULT_BEST_POLICY),
    );
  }

  /** The record changes at positions in `(after, upTo]` (of `incidentIds` only, when given), in position order. */
  async recordChanges(after: bigint, upTo: bigint, incidentIds?: readonly string[]): Promise<RecordChange[]> {
    const rows = (await this.reading(upTo, (manager) => manager.query(
      `SELECT incident_id, record_id, record_type, change, outcome, party, source, count, position, recorded_at, actor FROM temporal_record_changes
       WHERE position > $1 AND position <= $2${incidentIds ? ' AND incident_id = ANY($3::uuid[])' : ''} ORDER BY position`,
      incidentIds ? [after.toString(), upTo.toString(), incidentIds] : [after.toString(), upTo.toString()],
    ))) as Row[];
    return rows.map((row) => ({ ...changeOf(row), recordedAt: (row.recorded_at as Date).toISOString(), actor: row.actor as string | null, mergedInto: null, mergedFrom: null }));
  }

  /**
   * The records each merge at a position in `(after, upTo]` (into one of `incidentIds`, when given)
   * brought to its survivor: the live records of the merged incident, and of those merged into it
   * before, as their last change left them, at the merge's position, with `mergedInto` and
   * `mergedFrom`. The merge event's `recordedAt` and actor are not in the rows (`TallyDiffService` reads them).
   * The holders are a set (`UNION`): a cycle of merges, which a history can hold (docs/merge.md), ends.
   */
  async mergedRecords(after: bigint, upTo: bigint, incidentIds?: readonly string[]): Promise<Omit<RecordChange, 'recordedAt' | 'actor'>[]> {
    const rows = (await this.reading(upTo, (manager) => manager.query(
      `WITH RECURSIVE merges AS (
         SELECT m.incident_id AS merged_from, m.merged_into, m.valid_from AS position FROM temporal_incidents m
         WHERE m.merged_into IS NOT NULL AND m.valid_from > $1 AND m.valid_from <= $2${incidentIds ? ' AND m.merged_into = ANY($3::uuid[])' : ''}
           AND NOT EXISTS (SELECT FROM temporal_incidents p WHERE p.incident_id = m.incident_id AND p.valid_to = m.valid_from AND p.merged_into IS NOT NULL)
       ), holders AS (
         SELECT merged_from, merged_into, position, merged_from AS incident_id FROM merges
         UNION
         SELECT h.merged_from, h.merged_into, h.position, t.incident_id FROM holders h
         JOIN temporal_incidents t ON t.merged_into = h.incident_id AND t.valid_from <= h.position AND t.valid_to > h.position
       )
       SELECT h.incident_id, r.record_id, r.record_type, 'merged' AS change, r.outcome, r.party, r.source, r.count, h.position, h.merged_into, h.merged_from
       FROM holders h CROSS JOIN LATERAL (
         SELECT DISTINCT ON (c.record_id) c.* FROM temporal_record_changes c WHERE c.incident_id = h.incident_id AND c.position <= h.position ORDER BY c.record_id, c.position DESC
       ) r
       WHERE r.change <> 'retracted' ORDER BY h.position, r.position`,
      incidentIds ? [after.toString(), upTo.toString(), incidentIds] : [after.toString(), upTo.toString()],
    ))) as Row[];
    return rows.map((row) => ({ ...changeOf(row), mergedInto: row.merged_into as string, mergedFrom: row.merged_from as string }));
  }
}

type Row = Record<string, string | Date | null>;

const changeOf = (row: Row): Omit<RecordChange, 'recordedAt' | 'actor' | 'mergedInto' | 'mergedFrom'> => ({
  incidentId: row.incident_id as string,
  recordId: row.record_id as string,
  type: row.record_type as string,
  change: row.change as string,
  outcome: row.outcome as Outcome | null,
  party: row.party as Party | null,
  source: row.source as string,
  count: row.count === null ? null : Number(row.count),
  position: row.position as string,
});

/** A record change as tally diffs name it: the event that changed a counted record, and who recorded it. */
export interface RecordChange {
  readonly incidentId: string;
  readonly recordId: string;
  readonly type: string;
  /** `recorded`, `corrected` or `retracted`; `merged` when a merge brought it to `mergedInto`. */
  readonly change: string;
  readonly outcome: Outcome | null;
  readonly party: Party | null;
  readonly source: string;
  /** The record's count after the change. */
  readonly count: number | null;
  readonly position: string;
  readonly recordedAt: string;
  /** The envelope's `actor` (the token's `sub`). */
  readonly actor: string | null;
  /** With change `merged`: the survivor the merge brought the record to (the record stays `incidentId`'s); else `null`. */
  readonly mergedInto: string | null;
  /** With change `merged`: the incident merged (`incidentId`, or one `incidentId` had been merged into before); else `null`. */
  readonly mergedFrom: string | null;
}
