import { INCIDENT_STREAM_PREFIX } from '../../../event-store/stream-names.js';
import { notQuarantined } from '../../../projections/quarantine.js';
import { PARTIES, type IncidentFields, type IncidentStatus, type Outcome, type Party } from '../../domain/events.js';
import { HOSTAGE_COUNTS, type HostageTally, type Tally, tallyOfParts, type TallyView } from '../../domain/tally.js';
import { INCIDENTS_PROJECTION } from '../incidents.projection.js';
import type { KnownIncident } from './temporal-tallies.queries.js';

/** One incident asked for as known at position `at`, its tally read with `view` (the registry as of the cut, the policy). */
export type IncidentCut = { readonly incidentId: string; readonly at: bigint; readonly view: TallyView };

export const NOT_QUARANTINED = notQuarantined(INCIDENTS_PROJECTION, INCIDENT_STREAM_PREFIX, 't.incident_id');

/**
 * The versions of `table` (its primary key: incident_id, `key`, valid_from) that held at each asked
 * cut (`$1` incident ids, `$2` positions, pairwise) of the incidents not quarantined, each row with
 * its `cut` (as text: JSON numbers lose bigints). Per incident, its figures' keys by a skip scan of
 * the primary key, once whatever the number of cuts; then per key and cut its last version from
 * before the cut, kept if it still held then. Two index probes per figure and cut, whatever the
 * number of versions (a 20,000-record incident has as many) or their spread between the cuts.
 */
function heldAtCuts(table: string, key: readonly string[], columns: string): string {
  const tuple = (alias: string) => `(${['incident_id', ...key].map((column) => `${alias}.${column}`).join(', ')})`;
  const ordered = ['incident_id', ...key].join(', ');
  const asked = `asked AS (SELECT DISTINCT t.incident_id, t.cut FROM unnest($1::uuid[], $2::bigint[]) AS t (incident_id, cut) WHERE ${NOT_QUARANTINED})`;
  const last = (keyOf: string) =>
    `SELECT t.incident_id, ${columns}, t.valid_to FROM ${table} t WHERE ${tuple('t')} = ${tuple(keyOf)} AND t.valid_from <= a.cut ORDER BY t.valid_from DESC LIMIT 1`;
  const held = (keyOf: string) => `CROSS JOIN LATERAL (${last(keyOf)}) h WHERE h.valid_to > a.cut`;
  if (key.length === 0) return `WITH ${asked} SELECT a.cut::text AS cut, h.* FROM asked a ${held('a')}`;
  // The next key is found by the row comparison alone (an index start position); with the incident
  // equality too, PostgreSQL walks every version of the current key.
  const next = (after: string) => `SELECT ${ordered} FROM ${table} t WHERE ${after} ORDER BY ${ordered} LIMIT 1`;
  return `WITH RECURSIVE ${asked},
    k AS (
      SELECT f.* FROM (SELECT DISTINCT incident_id FROM asked) k CROSS JOIN LATERAL (${next('t.incident_id = k.incident_id')}) f
      UNION ALL
      SELECT f.* FROM k CROSS JOIN LATERAL (${next(`${tuple('t')} > ${tuple('k')}`)}) f WHERE f.incident_id = k.incident_id)
    SELECT a.cut::text AS cut, h.* FROM asked a JOIN k ON k.incident_id = a.incident_id ${held('k')}`;
}

type Incidents = { incident_id: string; status: IncidentStatus; fields: IncidentFields; merged_into: string | null };
type Figures = { incident_id: string; outcome: Outcome; party: Party; source: string; figure: number; first_seq: number; first_name: string; last_seq: number };
type Hostages = { incident_id: string; party: Party } & Record<(typeof HOSTAGE_COUNTS)[number], number>;
type Seizures = { incident_id: string; vehicles_seized: number; weapons_seized: number; arrests: number };
/** An incident's version rows valid at one cut. */
export type HeldRows = { readonly incident: Incidents; readonly figures: readonly Figures[]; readonly hostages: readonly Hostages[]; readonly seizures: Seizures | undefined };

/** The version tables as `held` reads them: (table, key columns after incident_id, columns read). */
export const VERSION_TABLES = {
  incidents: ['temporal_incidents', [], 'status, fields, merged_into'],
  figures: ['temporal_source_figures', ['outcome', 'party', 'source'], 'outcome, party, source, figure, first_seq, first_name, last_seq'],
  hostages: ['temporal_hostages', ['party'], `party, ${HOSTAGE_COUNTS.join(', ')}`],
  seizures: ['temporal_seizures', [], 'vehicles_seized, weapons_seized, arrests'],
} as const;

const heldJson = ([table, key, columns]: readonly [string, readonly string[], string]) => `SELECT coalesce(json_agg(r), '[]') FROM (${heldAtCuts(table, key, columns)}) r`;
export const AT_CUTS = `SELECT (${heldJson(VERSION_TABLES.incidents)}) AS incidents, (${heldJson(VERSION_TABLES.figures)}) AS figures,
  (${heldJson(VERSION_TABLES.hostages)}) AS hostages, (${heldJson(VERSION_TABLES.seizures)}) AS seizures`;

/**
 * Each asked incident as known at its cut (`undefined`: not opened by then, or quarantined), in the
 * order asked, from `AT_CUTS`' row: the versions of all cuts in one statement (one snapshot, one
 * round trip, each table's rows as a JSON array), each cut's tally folded in Node with its own view
 * by the domain's `tallyOfParts`. Many cuts of one incident cost one key scan and two probes per
 * figure and cut.
 */
export function knownAtCuts(rows: VersionRows<{ cut: string }>, cuts: readonly IncidentCut[]): (KnownIncident | undefined)[] {
  const rowsOf = heldRowsOf(rows, (row) => `${row.incident_id} ${row.cut}`);
  return cuts.map(({ incidentId, at, view }) => {
    const found = rowsOf(`${incidentId} ${at}`);
    return found && knownIncidentOf(found, view);
  });
}

/** `AT_CUTS`'s parameters for `cuts`. */
export const atCutsParameters = (cuts: readonly IncidentCut[]): unknown[] => [cuts.map(({ incidentId }) => incidentId), cuts.map(({ at }) => at.toString())];

/** Each version table's rows as read, each with `Extra` (its cut, say). */
export type VersionRows<Extra = object> = {
  readonly incidents: readonly (Incidents & Extra)[];
  readonly figures: readonly (Figures & Extra)[];
  readonly hostages: readonly (Hostages & Extra)[];
  readonly seizures: readonly (Seizures & Extra)[];
};

/** Groups each table's rows by `keyOf` (an incident, or an incident and a cut): the rows held by a key, or `undefined` without its incident row. */
export function heldRowsOf<Extra, K>(rows: VersionRows<Extra>, keyOf: (row: { incident_id: string } & Extra) => K): (key: K) => HeldRows | undefined {
  const by = <T extends { incident_id: string } & Extra>(list: readonly T[]) => {
    const grouped = new Map<K, T[]>();
    for (const row of list) {
      const key = keyOf(row);
      const group = grouped.get(key);
      if (group) group.push(row);
      else grouped.set(key, [row]);
    }
    return (key: K) => grouped.get(key) ?? [];
  };
  const [incidents, figures, hostages, seizures] = [by(rows.incidents), by(rows.figures), by(rows.hostages), by(rows.seizures)];
  return (key) => {
    const [incident] = incidents(key);
    return incident && { incident, figures: figures(key), hostages: hostages(key), seizures: seizures(key)[0] };
  };
}

/** An incident as known at a cut from the rows held then, its tally read with `view`. */
export function knownIncidentOf({ incident, figures, hostages, seizures }: HeldRows, view: TallyView): KnownIncident {
  const { incident_id: incidentId, status, fields, merged_into: mergedInto } = incident;
  return { incidentId, status, fields, mergedInto: mergedInto ?? undefined, tally: tallyOfRows(figures, hostages, seizures, view) };
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
