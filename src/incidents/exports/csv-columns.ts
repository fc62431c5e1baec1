import { sourceKey } from '../../sources/domain/source-key.js';
import type { Category, Party } from '../domain/events.js';
import type { CasualtyTally, HostageTally, Tally } from '../domain/tally.js';
import type { ExportedIncident } from './exported-incident.js';

/** A CSV cell: numbers as written, null as an empty field. */
export type Cell = string | number | null;
/** An export's columns in order: header name and how the cell is computed (docs/exports.md has the tables). */
export type Columns<T> = readonly (readonly [name: string, cell: (row: T) => Cell])[];

export const EXPORT_FORMATS = ['native', 'acled', 'ucdp'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const bestOf = (casualties: CasualtyTally, ...parties: Party[]): number =>
  casualties.byParty.filter((figure) => parties.includes(figure.party)).reduce((sum, figure) => sum + figure.best, 0);
const hostagesOf = (tally: Tally, count: keyof Omit<HostageTally, 'party'>): number => tally.hostages.reduce((sum, h) => sum + h[count], 0);
/** Names of the sources behind the incident's killed (or also injured) figures, one per source (`sourceKey`), by name. */
const sourcesOf = (casualties: readonly CasualtyTally[]): string[] => {
  const names = new Map(casualties.flatMap((c) => c.byParty.flatMap((figure) => figure.sources.map(({ name }): [string, string] => [sourceKey(name), name]))));
  return [...names.values()].sort();
};
/** The local calendar date of `occurredAt` in UTC, as `groupBy: DAY` uses it. */
const dateOf = (row: ExportedIncident): string => row.occurredAt.slice(0, 10);
const countryNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' });

/** ACLED's `event_type` and `disorder_type` for each category (ACLED codebook). */
const ACLED_EVENT_TYPES: Record<Category, readonly [eventType: string, disorderType: string]> = {
  battle: ['Battles', 'Political violence'],
  violence_against_civilians: ['Violence against civilians', 'Political violence'],
  explosion_remote_violence: ['Explosions/Remote violence', 'Political violence'],
  riot: ['Riots', 'Political violence'],
  protest: ['Protests', 'Demonstrations'],
  strategic_development: ['Strategic developments', 'Strategic developments'],
};

const partyColumns = (outcome: 'killed' | 'injured'): Columns<ExportedIncident> =>
  (['armed_group', 'police', 'military', 'civilian', 'unknown'] as const).map((party) => [`${outcome}_${party}`, (row) => bestOf(row.tally[outcome], party)]);

const NATIVE: Columns<ExportedIncident> = [
  ['incident_id', (row) => row.incidentId],
  ['title', (row) => row.title],
  ['category', (row) => row.category],
  ['occurred_at', (row) => row.occurredAt],
  ['status', (row) => row.status],
  ['country', (row) => row.country],
  ['admin1', (row) => row.admin1],
  ['admin2', (row) => row.admin2],
  ['place', (row) => row.place],
  ['latitude', (row) => row.lat],
  ['longitude', (row) => row.lon],
  ['description', (row) => row.description],
  ['tags', (row) => row.tags.join('; ')],
  ['killed_best', (row) => row.tally.killed.total.best],
  ['killed_low', (row) => row.tally.killed.total.low],
  ['killed_high', (row) => row.tally.killed.total.high],
  ...partyColumns('killed'),
  ['injured_best', (row) => row.tally.injured.total.best],
  ['injured_low', (row) => row.tally.injured.total.low],
  ['injured_high', (row) => row.tally.injured.total.high],
  ...partyColumns('injured'),
  ['hostages_taken', (row) => hostagesOf(row.tally, 'taken')],
  ['hostages_released', (row) => hostagesOf(row.tally, 'released')],
  ['hostages_killed', (row) => hostagesOf(row.tally, 'killed')],
  ['hostages_held', (row) => hostagesOf(row.tally, 'held')],
  ['vehicles_seized', (row) => row.tally.vehiclesSeized],
  ['weapons_seized', (row) => row.tally.weaponsSeized],
  ['arrests', (row) => row.tally.arrests],
  ['sources', (row) => sourcesOf([row.tally.killed, row.tally.injured]).join('; ')],
];

/** ACLED's columns (SPEC §6.3); `fatalities` is the killed `low`, as ACLED counts conservatively. */
const ACLED: Columns<ExportedIncident> = [
  ['event_id_cnty', (row) => row.incidentId],
  ['event_date', dateOf],
  // 1 = the day is known: incidents carry no date precision yet.
  ['time_precision', () => 1],
  ['disorder_type', (row) => ACLED_EVENT_TYPES[row.category][1]],
  ['event_type', (row) => ACLED_EVENT_TYPES[row.category][0]],
  // No actor registry yet.
  ['actor1', () => null],
  ['actor2', () => null],
  ['country', (row) => countryNames.of(row.country) ?? row.country],
  ['admin1', (row) => row.admin1],
  ['admin2', (row) => row.admin2],
  ['location', (row) => row.place],
  ['latitude', (row) => row.lat],
  ['longitude', (row) => row.lon],
  // 1 = the coordinates are of the place itself; 3 = only the region is known.
  ['geo_precision', (row) => (row.lat === null ? 3 : 1)],
  ['source', (row) => sourcesOf([row.tally.killed, row.tally.injured]).join('; ')],
  // No source registry (scale) yet.
  ['source_scale', () => null],
  ['notes', (row) => row.description],
  ['fatalities', (row) => row.tally.killed.total.low],
];

/** UCDP GED's columns (SPEC §6.3): deaths_a = police + military, deaths_b = armed_group. */
const UCDP: Columns<ExportedIncident> = [
  ['id', (row) => row.incidentId],
  ['date_start', dateOf],
  ['date_end', dateOf],
  // 1 = exact day: incidents carry no date precision or end date yet.
  ['date_prec', () => 1],
  // 1 = exact location; 4 = first-order administrative division.
  ['where_prec', (row) => (row.lat === null ? 4 : 1)],
  ['country', (row) => countryNames.of(row.country) ?? row.country],
  ['adm_1', (row) => row.admin1],
  ['adm_2', (row) => row.admin2],
  ['latitude', (row) => row.lat],
  ['longitude', (row) => row.lon],
  ['side_a', () => null],
  ['side_b', () => null],
  ['deaths_a', (row) => bestOf(row.tally.killed, 'police', 'military')],
  ['deaths_b', (row) => bestOf(row.tally.killed, 'armed_group')],
  ['deaths_civilians', (row) => bestOf(row.tally.killed, 'civilian')],
  ['deaths_unknown', (row) => bestOf(row.tally.killed, 'unknown')],
  ['best', (row) => row.tally.killed.total.best],
  ['low', (row) => row.tally.killed.total.low],
  ['high', (row) => row.tally.killed.total.high],
  ['number_of_sources', (row) => sourcesOf([row.tally.killed]).length],
];

export const INCIDENT_COLUMNS: Record<ExportFormat, Columns<ExportedIncident>> = { native: NATIVE, acled: ACLED, ucdp: UCDP };

/** The native columns as an object (GeoJSON feature properties). */
export const nativePropertiesOf = (row: ExportedIncident): Record<string, Cell> => Object.fromEntries(NATIVE.map(([name, cell]) => [name, cell(row)]));
