import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { INCIDENT_STREAM_PREFIX } from '../../../event-store/stream-names.js';
import { PARTIES, type IncidentFields, type IncidentStatus, type Outcome, type Party } from '../../domain/events.js';
import { HOSTAGE_COUNTS, type HostageTally, type Tally, tallyOfParts, type TallyView } from '../../domain/tally.js';
import { readCheckpoint } from '../../../projections/checkpoints.js';
import { INCIDENTS_PROJECTION } from '../incidents.projection.js';
import { positionAt } from './temporal-clock.js';
import { asOfRelations } from './as-of-relations.js';
import { DEFAULT_BEST_POLICY } from '../../domain/best-policy.js';
import type { IncidentFilter } from '../incident-summary/incident-filter.js';
import { type GroupBy, summedGroups, type TallyGroup } from '../incident-summary/tally-groups.queries.js';

const HELD = 't.valid_from <= $1 AND t.valid_to > $1';
const NOT_QUARANTINED = `NOT EXISTS (SELECT FROM projection_quarantine q WHERE q.projection = '${INCIDENTS_PROJECTION}' AND q.stream = '${INCIDENT_STREAM_PREFIX}' || t.incident_id::text)`;

/**
 * The versions of `table` (its primary key: incident_id, `key`, valid_from) that held at `$1`, of the
 * incidents of `$2` not quarantined: per incident, its figures' keys by a skip scan of the primary
 * key, then per key its last version from before the cut, kept if it still held then. Two index
 * probes per figure, whatever the number of versions (a 20,000-record incident has as many).
 */
function heldByIncidents(table: string, key: readonly string[], columns: string): string {
  const tuple = (alias: string) => `(${['incident_id', ...key].map((column) => `${alias}.${column}`).join(', ')})`;
  const ordered = ['incident_id', ...key].join(', ');
  const last = `SELECT t.incident_id, ${columns}, t.valid_to FROM ${table} t WHERE ${tuple('t')} = ${tuple('k')} AND t.valid_from <= $1 ORDER BY t.valid_from DESC LIMIT 1`;
  // The next key is found by the row comparison alone (an index start position); with the incident
  // equality too, PostgreSQL walks every version of the current key.
  const next = (after: string) => `SELECT ${ordered} FROM ${table} t WHERE ${after} ORDER BY ${ordered} LIMIT 1`;
  return `WITH RECURSIVE ids AS (SELECT DISTINCT incident_id FROM unnest($2::uuid[]) AS t (incident_id) WHERE ${NOT_QUARANTINED}),
    k AS (
      SELECT f.* FROM ids k CROSS JOIN LATERAL (${next('t.incident_id = k.incident_id')}) f
      UNION ALL
      SELECT f.* FROM k CROSS JOIN LATERAL (${next(key.length === 0 ? 'false' : `${tuple('t')} > ${tuple('k')}`)}) f WHERE f.incident_id = k.incident_id)
    SELECT h.* FROM k CROSS JOIN LATERAL (${last}) h WHERE h.valid_to > $1`;
}

/** An incident as known at a position: what as-of reads, exports and diffs need. */
export interface KnownIncident {
  readonly incidentId: string;
  readonly status: IncidentStatus;
  readonly fields: IncidentFields;
  readonly tally: Tally;
  /** The survivor it had been merged into by then (SPEC §6.2). */
  readonly mergedInto: string | undefined;
}

type Figures = { incident_id: string; outcome: Outcome; party: Party; source: string; figure: number; first_seq: number; first_name: string; last_seq: number };
type Hostages = { incident_id: string; party: Party } & Record<(typeof HOSTAGE_COUNTS)[number], number>;
type Seizures = { incident_id: string; vehicles_seized: number; weapons_seized: number; arrests: number };

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

  /** The position a record time stands for (`positionAt` of the record-time clock). */
  positionAt(time: Date): Promise<{ position: bigint; settled: boolean }> {
    return positionAt(this.dataSource.manager, time);
  }

  /** The position the temporal rows (the incidents projection) have reached; 0 before any. */
  async reached(): Promise<bigint> {
    return (await readCheckpoint(this.dataSource, INCIDENTS_PROJECTION)) ?? 0n;
  }

  /** The incidents (all, or those of `incidentIds`) opened by position `at`, as known then, their tallies read with `view`, in no particular order. */
  async incidents(at: bigint, view: TallyView, incidentIds?: readonly string[]): Promise<KnownIncident[]> {
    const held = (table: string, key: readonly string[], columns: string) =>
      `SELECT coalesce(json_agg(r), '[]') FROM (${incidentIds ? heldByIncidents(table, key, columns) : `SELECT t.incident_id, ${columns} FROM ${table} t WHERE ${HELD} AND ${NOT_QUARANTINED}`}) r`;
    // One statement (one snapshot, one round trip), each table's rows as a JSON array.
    const [{ incidents, figures, hostages, seizures }] = (await this.dataSource.query(
      `SELECT (${held('temporal_incidents', [], 'status, fields, merged_into')}) AS incidents,
         (${held('temporal_source_figures', ['outcome', 'party', 'source'], 'outcome, party, source, figure, first_seq, first_name, last_seq')}) AS figures,
         (${held('temporal_hostages', ['party'], `party, ${HOSTAGE_COUNTS.join(', ')}`)}) AS hostages,
         (${held('temporal_seizures', [], 'vehicles_seized, weapons_seized, arrests')}) AS seizures`,
      incidentIds ? [at.toString(), incidentIds] : [at.toString()],
    )) as { incidents: { incident_id: string; status: IncidentStatus; fields: IncidentFields; merged_into: string | null }[]; figures: Figures[]; hostages: Hostages[]; seizures: Seizures[] }[];
    const of = <T extends { incident_id: string }>(rows: readonly T[]) => {
      const byIncident = new Map<string, T[]>();
      for (const row of rows) {
        const ofIncident = byIncident.get(row.incident_id);
        if (ofIncident) ofIncident.push(row);
        else byIncident.set(row.incident_id, [row]);
      }
      return (id: string) => byIncident.get(id) ?? [];
    };
    const [figuresOf, hostagesOf, seizuresOf] = [of(figures), of(hostages), of(seizures)];
    return incidents.map(({ incident_id: incidentId, status, fields, merged_into: mergedInto }) => ({
      incidentId,
      status,
      fields,
      mergedInto: mergedInto ?? undefined,
      tally: tallyOfRows(figuresOf(incidentId), hostagesOf(incidentId), seizuresOf(incidentId)[0], view),
    }));
  }

  /**
   * Tallies across incidents as of `cut` (`tallies(filter, groupBy, asOf)` without ACTOR), summed by
   * PostgreSQL over the versions valid then (`asOfRelations`) with `view`; `undefined` when an
   * incident had been merged by the cut (the caller folds those).
   */
  groups(cut: bigint, view: TallyView, filter: IncidentFilter, groupBy: readonly GroupBy[]): Promise<TallyGroup[] | undefined> {
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const tables = await asOfRelations(manager, cut, view);
      return tables && summedGroups(manager, tables, filter, groupBy, view.policy ?? DEFAULT_BEST_POLICY);
    });
  }

  /** The record changes at positions in `(after, upTo]` (of `incidentIds` only, when given), in position order. */
  async recordChanges(after: bigint, upTo: bigint, incidentIds?: readonly string[]): Promise<RecordChange[]> {
    const rows = (await this.dataSource.query(
      `SELECT incident_id, record_id, record_type, change, outcome, party, source, count, position, recorded_at, actor FROM temporal_record_changes
       WHERE position > $1 AND position <= $2${incidentIds ? ' AND incident_id = ANY($3::uuid[])' : ''} ORDER BY position`,
      incidentIds ? [after.toString(), upTo.toString(), incidentIds] : [after.toString(), upTo.toString()],
    )) as Record<string, string | Date | null>[];
    return rows.map((row) => ({
      incidentId: row.incident_id as string,
      recordId: row.record_id as string,
      type: row.record_type as string,
      change: row.change as string,
      outcome: row.outcome as Outcome | null,
      party: row.party as Party | null,
      source: row.source as string,
      count: row.count === null ? null : Number(row.count),
      position: row.position as string,
      recordedAt: (row.recorded_at as Date).toISOString(),
      actor: row.actor as string | null,
    }));
  }
}

/** A record change as tally diffs name it: the event that changed a counted record, and who recorded it. */
export interface RecordChange {
  readonly incidentId: string;
  readonly recordId: string;
  readonly type: string;
  /** `recorded`, `corrected` or `retracted`. */
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
}

/** The domain's `Tally` from one incident's rows, read with `view`: parties in `PARTIES` order, as `tallyOfLedger` lists them. */
function tallyOfRows(figures: readonly Figures[], hostages: readonly Hostages[], seizures: Seizures | undefined, view: TallyView): Tally {
  const spellings = figures.map((row) => ({
    outcome: row.outcome, party: row.party, spelling: row.source, figure: row.figure, firstIndex: row.first_seq, firstName: row.first_name, lastIndex: row.last_seq,
  }));
  return tallyOfParts({
    spellings,
    hostages: PARTIES.flatMap((party) => hostages.filter((row) => row.party === party).map(hostageTally)),
    vehiclesSeized: seizures?.vehicles_seized ?? 0,
    weaponsSeized: seizures?.weapons_seized ?? 0,
    arrests: seizures?.arrests ?? 0,
  }, view);
}

const hostageTally = (row: Hostages): HostageTally => ({ party: row.party, ...(Object.fromEntries(HOSTAGE_COUNTS.map((count) => [count, row[count]])) as Omit<HostageTally, 'party'>) });
