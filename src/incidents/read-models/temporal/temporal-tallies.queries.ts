import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { INCIDENT_STREAM_PREFIX } from '../../../event-store/stream-names.js';
import { PARTIES, type IncidentFields, type IncidentStatus, type Outcome, type Party } from '../../domain/events.js';
import { HOSTAGE_COUNTS, partyFigureOf, totalOf, type CasualtyTally, type HostageTally, type Tally } from '../../domain/tally.js';
import { INCIDENTS_PROJECTION } from '../incidents.projection.js';

/** An incident as known at a position: what as-of reads, exports and diffs need. */
export interface KnownIncident {
  readonly incidentId: string;
  readonly status: IncidentStatus;
  readonly fields: IncidentFields;
  readonly tally: Tally;
}

type Figures = { incident_id: string; outcome: Outcome; party: Party; source: string; figure: string; last_seq: number };
type Hostages = { incident_id: string; party: Party } & Record<(typeof HOSTAGE_COUNTS)[number], string>;
type Seizures = { incident_id: string; vehicles_seized: string; weapons_seized: string; arrests: string };

/**
 * "As of P" from the temporal read model: the versions whose range `[valid_from, valid_to)` holds
 * P, one indexed query per table, with no replay. Tallies are rebuilt from the per-source rows with
 * the domain's rule 2 (`partyFigureOf`) and totals (`totalOf`), so they are the fold's tallies
 * (a property test checks it against `IncidentAsOfFold`). Quarantined incidents are left out, as in lists.
 */
@Injectable()
export class TemporalTallies {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The position a record time stands for: the last event of `$all` up to which every event was
   * recorded by then (0 before the first). Equal to the fold's per-incident cut while record times
   * grow with positions, as the store's append gives them.
   */
  async positionAt(time: Date): Promise<bigint> {
    const [row] = (await this.dataSource.query(
      'SELECT position FROM temporal_event_clock WHERE recorded_until <= $1 ORDER BY recorded_until DESC, position DESC LIMIT 1',
      [time],
    )) as { position: string }[];
    return BigInt(row?.position ?? 0);
  }

  /** The incidents (all, or those of `incidentIds`) opened by position `at`, as known then, in no particular order. */
  async incidents(at: bigint, incidentIds?: readonly string[]): Promise<KnownIncident[]> {
    const where = `valid_from <= $1 AND valid_to > $1${incidentIds ? ' AND incident_id = ANY($2::uuid[])' : ''}
      AND NOT EXISTS (SELECT FROM projection_quarantine q WHERE q.projection = '${INCIDENTS_PROJECTION}' AND q.stream = '${INCIDENT_STREAM_PREFIX}' || incident_id::text)`;
    const parameters = incidentIds ? [at.toString(), incidentIds] : [at.toString()];
    const read = <T>(table: string, columns: string) => this.dataSource.query(`SELECT incident_id, ${columns} FROM ${table} WHERE ${where}`, parameters) as Promise<T[]>;
    const [incidents, figures, hostages, seizures] = await Promise.all([
      read<{ incident_id: string; status: IncidentStatus; fields: IncidentFields }>('temporal_incidents', 'status, fields'),
      read<Figures>('temporal_source_figures', 'outcome, party, source, figure, last_seq'),
      read<Hostages>('temporal_hostages', `party, ${HOSTAGE_COUNTS.join(', ')}`),
      read<Seizures>('temporal_seizures', 'vehicles_seized, weapons_seized, arrests'),
    ]);
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
    return incidents.map(({ incident_id: incidentId, status, fields }) => ({
      incidentId,
      status,
      fields,
      tally: tallyOfRows(figuresOf(incidentId), hostagesOf(incidentId), seizuresOf(incidentId)[0]),
    }));
  }
}

/** The domain's `Tally` shape from one incident's rows: parties in `PARTIES` order, as `tallyOfLedger` lists them. */
function tallyOfRows(figures: readonly Figures[], hostages: readonly Hostages[], seizures: Seizures | undefined): Tally {
  const casualties = (outcome: Outcome): CasualtyTally => {
    const byParty = PARTIES.flatMap((party) => {
      const sources = figures.filter((row) => row.outcome === outcome && row.party === party);
      return sources.length === 0 ? [] : [partyFigureOf(party, sources.map((row) => ({ name: row.source, figure: Number(row.figure), lastIndex: row.last_seq })))];
    });
    return { total: totalOf(byParty), byParty };
  };
  return {
    killed: casualties('killed'),
    injured: casualties('injured'),
    hostages: PARTIES.flatMap((party) => hostages.filter((row) => row.party === party).map(hostageTally)),
    vehiclesSeized: Number(seizures?.vehicles_seized ?? 0),
    weaponsSeized: Number(seizures?.weapons_seized ?? 0),
    arrests: Number(seizures?.arrests ?? 0),
  };
}

const hostageTally = (row: Hostages): HostageTally => ({ party: row.party, ...(Object.fromEntries(HOSTAGE_COUNTS.map((count) => [count, Number(row[count])])) as Omit<HostageTally, 'party'>) });
