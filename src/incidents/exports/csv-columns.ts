import type { SourceScale } from '../../sources/domain/events.js';
import { sourceKey } from '../../sources/domain/source-key.js';
import type { ActorRole, Category, DatePrecision, GeoPrecision, Party } from '../domain/events.js';
import { localDateOf } from '../domain/local-date.js';
import type { CasualtyTally, HostageTally, Tally } from '../domain/tally.js';
import type { ExportedIncident } from './exported-incident.js';

/** A CSV cell: numbers as written, null as an empty field. */
export type Cell = string | number | null;
/** What a cell may read besides its row: the registered scale of a source, by any of its names (ACLED `source_scale`). */
export type ExportContext = Readonly<{ scaleOf: (sourceName: string) => SourceScale | undefined }>;
export const NO_REGISTRY: ExportContext = { scaleOf: () => undefined };
/** An export's columns in order: header name and how the cell is computed (docs/exports.md has the tables). */
export type Columns<T> = readonly (readonly [name: string, cell: (row: T, context: ExportContext) => Cell])[];

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
/** ACLED's `source_scale`: the registered scales of the incident's sources, in source order, each once, joined by `-` (e.g. `Regional-National`). */
const sourceScaleOf = (row: ExportedIncident, { scaleOf }: ExportContext): string | null => {
  const scales = new Set(sourcesOf([row.tally.killed, row.tally.injured]).flatMap((name) => scaleOf(name) ?? []));
  return scales.size === 0 ? null : [...scales].map((scale) => scale[0].toUpperCase() + scale.slice(1)).join('-');
};
/** The local date of `occurredAt`, as `groupBy: DAY` uses it. */
const dateOf = (row: ExportedIncident): string => localDateOf(row.occurredAt);
/** The local date the incident's date range ends on: `occurredUntil`'s, else `occurredAt`'s. */
const endDateOf = (row: ExportedIncident): string => localDateOf(row.occurredUntil ?? row.occurredAt);

/** ACLED `time_precision`: 1 the day is known, 2 the week, 3 the month or less. */
const ACLED_TIME_PRECISION: Record<DatePrecision, number> = { exact: 1, day: 1, week: 2, month: 3, year: 3, approximate: 3 };
/** ACLED `geo_precision`: 1 the place itself, 2 near it or a part of a region, 3 a larger region. */
const ACLED_GEO_PRECISION: Record<GeoPrecision, number> = { point: 1, near: 2, admin2: 2, admin1: 3, country: 3 };
/**
 * UCDP GED `date_prec`: 1 the exact day, 2 a range of 2–6 days, 3 the week, 4 the month (or a
 * range of 8–30 days), 5 the year (or a longer range). `approximate` is taken as within a few days.
 */
const UCDP_DATE_PRECISION: Record<DatePrecision, number> = { exact: 1, day: 1, approximate: 2, week: 3, month: 4, year: 5 };
/** UCDP GED `where_prec`: 1 the place, 2 within 25 km, 3 admin2, 4 admin1, 6 the country only. */
const UCDP_WHERE_PRECISION: Record<GeoPrecision, number> = { point: 1, near: 2, admin2: 3, admin1: 4, country: 6 };

const DAY_MS = 24 * 60 * 60 * 1000;
/** UCDP's `date_prec` of a date range of `days` calendar days, first and last included. */
const ucdpRangePrecision = (days: number): number => (days <= 1 ? 1 : days <= 6 ? 2 : days === 7 ? 3 : days <= 30 ? 4 : 5);
/** The coarser of the stated precision and the one the date range implies. */
const ucdpDatePrecision = (row: ExportedIncident): number =>
  Math.max(UCDP_DATE_PRECISION[row.datePrecision], ucdpRangePrecision((Date.parse(endDateOf(row)) - Date.parse(dateOf(row))) / DAY_MS + 1));

/**
 * The names of the incident's actors in the first of `roles` that has any, joined with "; " (null
 * when none has): ACLED's actor1 is side_a, else the perpetrator; actor2 side_b, else the target.
 */
const actorsIn = (row: ExportedIncident, ...roles: ActorRole[]): string | null => {
  for (const role of roles) {
    const names = row.actors.filter((actor) => actor.role === role).map((actor) => actor.name);
    if (names.length > 0) return names.join('; ');
  }
  return null;
};
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
  ['date_precision', (row) => row.datePrecision],
  ['occurred_until', (row) => row.occurredUntil],
  ['status', (row) => row.status],
  ['country', (row) => row.country],
  ['admin1', (row) => row.admin1],
  ['admin2', (row) => row.admin2],
  ['place', (row) => row.place],
  ['latitude', (row) => row.lat],
  ['longitude', (row) => row.lon],
  ['geo_precision', (row) => row.geoPrecision],
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

/** ACLED's columns (docs/exports.md); `fatalities` is the killed `low`, as ACLED counts conservatively. */
const ACLED: Columns<ExportedIncident> = [
  ['event_id_cnty', (row) => row.incidentId],
  ['event_date', dateOf],
  ['time_precision', (row) => ACLED_TIME_PRECISION[row.datePrecision]],
  ['disorder_type', (row) => ACLED_EVENT_TYPES[row.category][1]],
  ['event_type', (row) => ACLED_EVENT_TYPES[row.category][0]],
  ['actor1', (row) => actorsIn(row, 'side_a', 'perpetrator')],
  ['actor2', (row) => actorsIn(row, 'side_b', 'target')],
  ['country', (row) => countryNames.of(row.country) ?? row.country],
  ['admin1', (row) => row.admin1],
  ['admin2', (row) => row.admin2],
  ['location', (row) => row.place],
  ['latitude', (row) => row.lat],
  ['longitude', (row) => row.lon],
  ['geo_precision', (row) => ACLED_GEO_PRECISION[row.geoPrecision]],
  ['source', (row) => sourcesOf([row.tally.killed, row.tally.injured]).join('; ')],
  ['source_scale', sourceScaleOf],
  ['notes', (row) => row.description],
  ['fatalities', (row) => row.tally.killed.total.low],
];

/** UCDP GED's columns (docs/exports.md): deaths_a = police + military, deaths_b = armed_group. */
const UCDP: Columns<ExportedIncident> = [
  ['id', (row) => row.incidentId],
  ['date_start', dateOf],
  ['date_end', endDateOf],
  ['date_prec', ucdpDatePrecision],
  ['where_prec', (row) => UCDP_WHERE_PRECISION[row.geoPrecision]],
  ['country', (row) => countryNames.of(row.country) ?? row.country],
  ['adm_1', (row) => row.admin1],
  ['adm_2', (row) => row.admin2],
  ['latitude', (row) => row.lat],
  ['longitude', (row) => row.lon],
  ['side_a', (row) => actorsIn(row, 'side_a')],
  ['side_b', (row) => actorsIn(row, 'side_b')],
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
export const nativePropertiesOf = (row: ExportedIncident): Record<string, Cell> => Object.fromEntries(NATIVE.map(([name, cell]) => [name, cell(row, NO_REGISTRY)]));
